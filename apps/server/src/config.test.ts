import { describe, expect, it } from 'vitest';
import { ConfigError, configTable, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      DATA_DIR: './data',
      DEMO: true,
      DATABASE_URL: undefined,
    });
  });

  it('reports every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const names = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names).toEqual(['PORT', 'DATABASE_URL', 'DEMO']);
    }
  });

  it('limits request rates by default; RATE_LIMIT_FACTOR raises them, 0 turns them off', () => {
    expect(loadConfig({}).RATE_LIMIT_FACTOR).toBe(1);
    expect(loadConfig({ RATE_LIMIT_FACTOR: '50' }).RATE_LIMIT_FACTOR).toBe(50);
    expect(loadConfig({ RATE_LIMIT_FACTOR: '0' }).RATE_LIMIT_FACTOR).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_FACTOR: '-1' })).toThrow(ConfigError);
  });

  it('switches demo off with DEMO=false and to PostgreSQL with a postgres URL', () => {
    const c = loadConfig({ DEMO: 'false', DATABASE_URL: 'postgres://u@h/db' });
    expect(c.DEMO).toBe(false);
    expect(c.DATABASE_URL).toBe('postgres://u@h/db');
  });

  it('documents every variable in the README table', () => {
    expect(configTable()).toContain('| `DATABASE_URL` |');
    expect(configTable().split('\n').length).toBeGreaterThanOrEqual(10);
  });
});
