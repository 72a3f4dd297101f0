import { notFound } from "next/navigation";

// Unmatched back-office addresses reach app/admin/not-found.tsx (inside the admin layout) only
// through a page of this segment; otherwise Next answers with the storefront's root 404.
export default function MissingAdminPage() {
  notFound();
}
