// Dates and quantities in the reader's language, by the platform's ICU
// (ECMA-402 `Intl`, which WebKit and WebView2 carry): the shell sends dates
// as YYYY-MM-DD and quantities as decimal digits, and nothing here formats
// by hand.

const LOCALES: Record<string, string> = { en: "en-HK", "zh-HK": "zh-HK", "zh-CN": "zh-CN" };

function locale(): string {
  return LOCALES[document.documentElement.lang] ?? "en-HK";
}

/** A whole number of shares with the reader's grouping, e.g. 1,234,500. */
export function quantity(digits: string): string {
  try {
    return new Intl.NumberFormat(locale()).format(BigInt(digits));
  } catch {
    return digits;
  }
}

function utc(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
}

/** A day as the reader writes it, e.g. 27 Nov 2026 or 2026年11月27日. */
export function day(iso: string): string {
  const t = utc(iso);
  if (t === null) return iso;
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(t);
}

/** A month as the reader writes it, e.g. November 2026 or 2026年11月. */
export function month(isoMonth: string): string {
  const t = utc(isoMonth);
  if (t === null) return isoMonth;
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "long", timeZone: "UTC" }).format(t);
}

/** Today in Hong Kong, YYYY-MM-DD. */
export function todayHk(): string {
  // By parts: a locale's whole pattern (even en-CA's) differs between ICU versions.
  const parts = new Intl.DateTimeFormat("en", { timeZone: "Asia/Hong_Kong", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The day `days` before (or after, when negative) an ISO day. */
export function daysBefore(iso: string, days: number): string {
  const t = utc(iso) ?? Date.now();
  return new Date(t - days * 86_400_000).toISOString().slice(0, 10);
}

/** The last `count` months up to the one of `iso`, newest first, as YYYY-MM. */
export function recentMonths(iso: string, count: number): string[] {
  let y = Number(iso.slice(0, 4));
  let m = Number(iso.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
