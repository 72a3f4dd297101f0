// Revised Romanization of Korean, letter by letter (no sound-change rules but ㄹㄹ → ll): enough to
// turn a product's name into a readable web address, 유자차 → yujacha, 안동 간고등어 → andong-gangodeungeo.
const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
const FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** Hangul syllables in Latin letters; everything else as it was. */
export function romanizeHangul(text: string): string {
  let out = "";
  let previousFinal = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) {
      out += char;
      previousFinal = "";
      continue;
    }
    const index = code - SYLLABLE_FIRST;
    const initial = INITIALS[Math.floor(index / 588)]!;
    const final = FINALS[index % 28]!;
    out += (initial === "r" && previousFinal === "l" ? "l" : initial) + MEDIALS[Math.floor((index % 588) / 28)]! + final;
    previousFinal = final;
  }
  return out;
}

export const SLUG_MAX_LENGTH = 80;

/**
 * A product address from whatever the owner typed, Korean included: romanized, lower case,
 * anything but letters and digits turned into single hyphens ("제주 한라봉 3kg" →
 * "jeju-hanrabong-3kg"). Empty when nothing usable is left.
 */
export function toSlug(text: string): string {
  return romanizeHangul(text.normalize("NFC"))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, "");
}
