/** A plain, readable page of numbered sections (이용약관, 개인정보처리방침). */
export function LegalPage({ title, updated, sections }: { title: string; updated: string; sections: { heading: string; body: React.ReactNode }[] }) {
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-black">{title}</h1>
        <p className="text-sm text-stone-600">시행일 {updated}</p>
      </header>
      {sections.map((section, i) => (
        <section key={section.heading} aria-labelledby={`section-${i}`} className="space-y-2 leading-relaxed text-stone-800">
          <h2 id={`section-${i}`} className="text-lg font-bold">
            제{i + 1}조 {section.heading}
          </h2>
          {section.body}
        </section>
      ))}
    </article>
  );
}
