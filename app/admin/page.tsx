import { requireAdmin } from "@/lib/auth/admin";

export default async function DashboardPage() {
  await requireAdmin({ from: "/admin" });
  return <h1 className="text-2xl font-black">대시보드</h1>;
}
