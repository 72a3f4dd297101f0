export default function Loading() {
  return (
    <div aria-busy="true" aria-label="불러오는 중" className="space-y-8">
      <div className="h-40 animate-pulse rounded-2xl bg-stone-200/60" />
      <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <li key={i} className="space-y-3">
            <div className="aspect-square animate-pulse rounded-xl bg-stone-200/60" />
            <div className="h-4 w-3/4 animate-pulse rounded bg-stone-200/60" />
            <div className="h-4 w-1/3 animate-pulse rounded bg-stone-200/60" />
          </li>
        ))}
      </ul>
    </div>
  );
}
