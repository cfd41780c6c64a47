import { describe, expect, it } from 'vitest';
import { scrubLog, scrubLogLine, scrubValue } from './scrub';
import { DEFAULT_SETTINGS } from '../../preload/settings';
import { appSettingsSummary } from './collect';

describe('scrub', () => {
  it('redacts numbers and QR payloads in any string, and keeps time stamps, numbers and structure', () => {
    const at = 1_764_579_600_000;
    expect(scrubValue({ at, time: '2026-12-01T08:00:00.000Z', reason: 'linked +1 555 010 9999', list: ['2@AbCdEfGhIjKlMn,xyz=', true] })).toEqual({
      at,
      time: '2026-12-01T08:00:00.000Z',
      reason: 'linked [number]',
      list: ['[qr]', true],
    });
  });

  it('cleans a log line as the logger would, even one an older version wrote without redaction', () => {
    const line = JSON.stringify({ t: '2026-12-01T08:00:00.000Z', level: 'info', msg: 'from 5511987654321', password: 'hunter2', detail: { nested: '+44 7700 900123' } });
    expect(JSON.parse(scrubLogLine(line)!)).toEqual({ t: '2026-12-01T08:00:00.000Z', level: 'info', msg: 'from [number]', password: '[redacted]', detail: { nested: '[number]' } });
  });

  it('leaves out lines that are not the logger’s JSON, and says how many', () => {
    const out = scrubLog(['{"t":"2026-12-01T08:00:00.000Z","level":"warn","msg":"ok"}', 'Error: token abc123 at +1 555 010 9999', '[1,2]', ''].join('\n'));
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(['ok', "diagnostics: 2 line(s) that were not the app's log format were left out"]);
    expect(out).not.toContain('abc123');
  });
});

describe('the app settings in a diagnostics zip', () => {
  it('name the chosen browser by its program only: the folder may carry the person\'s name', () => {
    expect(appSettingsSummary({ ...DEFAULT_SETTINGS, browserPath: '/home/ann.smith/bin/chrome' }).browser).toBe('chosen: chrome');
    expect(appSettingsSummary({ ...DEFAULT_SETTINGS, browserPath: 'C:\\Users\\Ann\\AppData\\Local\\Chromium\\Application\\chrome.exe' }).browser).toBe('chosen: chrome.exe');
    expect(appSettingsSummary(DEFAULT_SETTINGS).browser).toBe('automatic');
  });
});
