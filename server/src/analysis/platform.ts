/**
 * analysis/platform.ts: the platforms whose rules differ (service PIC type, SRX), as a setting.
 * Owns: the names users type (`--platform`, the editor setting) and what each implies.
 * Must not know: where the setting comes from.
 */
export const PLATFORMS = ['ms-pic', 'as-pic', 'acx', 'srx'] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** Which generated schema describes a platform's configuration. */
export function schemaFamily(platform: Platform): 'mx' | 'srx' {
  return platform === 'srx' ? 'srx' : 'mx';
}

/** The anti-replay window a platform applies when none is configured (bits). */
export function defaultReplayWindow(platform: Platform): number {
  return platform === 'as-pic' ? 64 : 128;
}

/** The largest anti-replay window the platform really uses (AS PICs silently cap at 1024). */
export function maxReplayWindow(platform: Platform): number {
  return platform === 'as-pic' ? 1024 : 4096;
}
