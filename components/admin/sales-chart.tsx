import { format } from "date-fns";
import { seoul } from "@/lib/korea-time";
import type { DailySales } from "@/lib/admin/dashboard";
import { formatKRW } from "@/lib/money";

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 64 };

/** A round axis maximum (1, 2 or 5 × 10^n) at or above the largest day. */
function niceMax(value: number): number {
  if (value <= 0) return 10_000;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= value) ?? 10 * magnitude);
}

/**
 * Daily paid revenue as server-rendered SVG: no chart code reaches the browser, it draws before
 * any script runs, and each bar carries its figure as a tooltip and in a table for screen readers.
 */
export function SalesChart({ days }: { days: DailySales[] }) {
  const max = niceMax(Math.max(...days.map((d) => d.revenue)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const ticks = [0, 0.5, 1].map((f) => f * max);
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="최근 30일 일별 매출" className="h-auto w-full">
        {ticks.map((tick) => {
          const y = PAD.top + plotH - (tick / max) * plotH;
          return (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="stroke-stone-200" />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-stone-500 text-[10px]">
                {tick >= 10_000 ? `${(tick / 10_000).toLocaleString("ko-KR")}만` : tick.toLocaleString("ko-KR")}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const h = (d.revenue / max) * plotH;
          const x = PAD.left + i * slot + slot * 0.15;
          const label = format(d.day, "M/d", { in: seoul });
          return (
            <g key={d.day.toISOString()}>
              <rect x={x} y={PAD.top + plotH - h} width={slot * 0.7} height={Math.max(h, d.revenue > 0 ? 1 : 0)} rx={2} className="fill-brand-500">
                <title>{`${label}: ${formatKRW(d.revenue)} (${d.orders}건)`}</title>
              </rect>
              {i % 5 === 4 || i === days.length - 1 ? (
                <text x={x + slot * 0.35} y={HEIGHT - 8} textAnchor="middle" className="fill-stone-500 text-[10px]">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>최근 30일 일별 매출</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day.toISOString()}>
              <th scope="row">{format(d.day, "M월 d일", { in: seoul })}</th>
              <td>{formatKRW(d.revenue)}</td>
              <td>{d.orders}건</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
