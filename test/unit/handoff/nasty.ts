import fc from 'fast-check';

/** Characters that break naive quoting in one shell or another. */
export const SPECIALS = [
  "'", '"', '\\', '$', '`', '!', '%', '^', '&', '|', ';', '<', '>', '(', ')', '{', '}', '[', ']', '*', '?', '~', '#', '=',
  ' ', '\t', '\n', '\r\n', '-', '--', '$(id)', '${HOME}', "'\\''", '\u2018', '\u2019', '\u201A', '\u201B', 'é', '中文', '😀', '\u00a0',
];

/** Random text made of shell specials and arbitrary code points, never NUL (no environment holds it). */
export const nastyString = (maxParts = 16) =>
  fc
    .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: maxParts })
    .map((parts) => parts.join('').replace(/\0/g, ''));

/** A fixed set of values every format test starts with, including a 4 KB token. */
export const NASTY_VALUES: Record<string, string> = {
  SINGLE: "it's a 'quoted' value",
  DOUBLE: 'say "hi" to "you"',
  DOLLAR: '$HOME ${PATH} $(id) $((1+1))',
  BACKTICK: '`id` and `uname`',
  BACKSLASH: 'C:\\Users\\me\\ and trailing\\',
  SPACES: '  leading and trailing  ',
  NONASCII: 'héllo wörld 中文 😀 ‘curly’ ‚low‛',
  DASH: '-x --help',
  MIXED: `'"\\$\`!%^&|;<>(){}*?~#= 'end`,
  TOKEN: 'gQpjbi1ub3J0aC00'.repeat(256),
};
