import { AkvaultError } from '../../errors';

/**
 * Profile names end up in a comment line of an INI file and in a KooCLI profile name, so they must be
 * one printable line. (Profile names are validated when profiles are created; this guards the files.)
 */
export function checkProfileName(profile: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!profile || profile.length > 128 || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(profile)) {
    throw new AkvaultError('validation', 'This profile name cannot be written into a tool file.', {
      hint: 'Use a profile name of 1 to 128 printable characters.',
    });
  }
}
