/**
 * lsp/stores/settings.ts: the user's settings for the `junos` section, validated.
 * Owns: the setting names and defaults (`junos.platform`, `junos.trace`, `junos.files`, `junos.maxItemsComputed`), reading them from
 *   whatever the client sends (pulled `workspace/configuration` answers, `didChangeConfiguration`
 *   payloads, `initializationOptions`), and the list of problems with bad values.
 * Must not know: the connection (the server pulls and hands the raw value in), features.
 * Invariants: `current` is always complete and valid; a bad value keeps the default and yields a problem;
 *   `update` never throws.
 * Tests: test/src/lsp/stores.test.ts
 */
import { isPlatform, PLATFORMS, type Platform } from '../../analysis/platform';
import { TRACE_LEVELS, type TraceLevel } from '../trace';

export const SETTINGS_SECTION = 'junos';

export const DEFAULT_FILE_GLOBS: readonly string[] = ['**/*.{conf,set,junos,jcfg,cfg}'];

export interface JunosSettings {
  readonly platform: Platform;
  readonly trace: TraceLevel;
  /** workspace-relative globs of files the workspace index considers */
  readonly files: readonly string[];
  /** the most document symbols and folding ranges an answer holds (breadth-first: outer ones kept); 0: no limit */
  readonly maxItemsComputed: number;
}

export const DEFAULT_MAX_ITEMS_COMPUTED = 5000;

export const DEFAULT_SETTINGS: JunosSettings = { platform: 'ms-pic', trace: 'messages', files: DEFAULT_FILE_GLOBS, maxItemsComputed: DEFAULT_MAX_ITEMS_COMPUTED };

export class SettingsStore {
  private value: JunosSettings = DEFAULT_SETTINGS;

  get current(): JunosSettings {
    return this.value;
  }

  /**
   * Replaces the settings from a raw `junos` section (or an object holding one under `junos`).
   * Returns the problems found; missing keys take their defaults.
   */
  update(raw: unknown): string[] {
    const problems: string[] = [];
    const section = unwrapSection(raw);
    let platform = DEFAULT_SETTINGS.platform;
    let trace = DEFAULT_SETTINGS.trace;
    let files = DEFAULT_SETTINGS.files;
    let maxItemsComputed = DEFAULT_SETTINGS.maxItemsComputed;
    if (section.platform !== undefined) {
      if (typeof section.platform === 'string' && isPlatform(section.platform)) platform = section.platform;
      else problems.push(`junos.platform must be one of ${PLATFORMS.join(', ')}; using ${platform}`);
    }
    if (section.trace !== undefined) {
      const level = typeof section.trace === 'object' && section.trace !== null ? (section.trace as { server?: unknown }).server : section.trace;
      if (typeof level === 'string' && (TRACE_LEVELS as readonly string[]).includes(level)) trace = level as TraceLevel;
      else problems.push(`junos.trace must be one of ${TRACE_LEVELS.join(', ')}; using ${trace}`);
    }
    if (section.files !== undefined) {
      if (Array.isArray(section.files) && section.files.every((g) => typeof g === 'string' && g.trim() !== '')) {
        files = section.files.length > 0 ? (section.files as string[]) : DEFAULT_FILE_GLOBS;
      } else problems.push('junos.files must be a list of glob patterns; using the default');
    }
    if (section.maxItemsComputed !== undefined) {
      const max = section.maxItemsComputed;
      if (typeof max === 'number' && Number.isInteger(max) && max >= 0) maxItemsComputed = max;
      else problems.push(`junos.maxItemsComputed must be a whole number, 0 or more; using ${maxItemsComputed}`);
    }
    this.value = { platform, trace, files, maxItemsComputed };
    return problems;
  }
}

function unwrapSection(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const object = raw as Record<string, unknown>;
  const inner = object[SETTINGS_SECTION];
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return inner as Record<string, unknown>;
  return object;
}
