/**
 * The password policy: what a new password must be. Pure, so the API's schema, the admin
 * bootstrap and the web client all judge a password the same way.
 */

/** The shortest password accepted, in characters (code points, after NFKC). */
export const MIN_PASSWORD_LENGTH = 10;
/** The longest password accepted, in characters; scrypt hashes it, so this only bounds work. */
export const MAX_PASSWORD_LENGTH = 1000;

/**
 * Passwords that a guesser tries first: the top of public leak lists, keyboard walks, and the
 * Indonesian favourites. Only those of at least MIN_PASSWORD_LENGTH characters matter; shorter
 * ones fail on length already. Compared case-insensitively, ignoring surrounding spaces.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  '1234567890a',
  '0987654321',
  '1111111111',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty1234',
  'qwerty123456',
  'asdfghjkl1',
  'asdfghjkl123',
  'zxcvbnm123',
  'password12',
  'password123',
  'password1234',
  'password12345',
  'passw0rd123',
  'p@ssw0rd123',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'admin12345',
  'admin123456',
  'administrator',
  'administrator1',
  'changeme123',
  'superman123',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'abcdefghij',
  'abc1234567',
  'abcd123456',
  // Indonesian favourites.
  'rahasia123',
  'rahasia1234',
  'rahasiaku123',
  'katasandi123',
  'katasandi1',
  'kata-sandi',
  'katasandiku',
  'sandiku123',
  'bismillah123',
  'bismillah1',
  'alhamdulillah',
  'indonesia123',
  'indonesia1945',
  'merdeka1945',
  'merdeka123',
  'jakarta123',
  'pontianak123',
  'kalbar12345',
  'sayangku123',
  'cintaku123',
  'selaras123',
  'selaras2026',
]);

/** Why a password is refused (in Bahasa Indonesia), or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return `kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter`;
  if (length > MAX_PASSWORD_LENGTH) return `kata sandi maksimal ${MAX_PASSWORD_LENGTH} karakter`;
  if (normalized.trim() === '') return 'kata sandi tidak boleh hanya berisi spasi';
  // One character typed ten times adds nothing a guesser does not try first.
  if (new Set(normalized.trim()).size === 1)
    return 'kata sandi tidak boleh berupa satu karakter yang diulang';
  if (COMMON_PASSWORDS.has(normalized.trim().toLowerCase()))
    return 'kata sandi ini terlalu umum dan mudah ditebak';
  return undefined;
}
