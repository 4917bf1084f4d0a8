// The console's keyboard shortcuts: one table drives both the key handling and the help dialog.
import { Kbd, Modal, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export type ShortcutAction =
  'next' | 'prev' | 'focus' | 'identity' | 'warn' | 'pause' | 'chat' | 'search' | 'help';

export const SHORTCUTS: { keys: string[]; action: ShortcutAction; help: string }[] = [
  { keys: ['ArrowRight', 'ArrowDown', 'j'], action: 'next', help: 'move' },
  { keys: ['ArrowLeft', 'ArrowUp', 'k'], action: 'prev', help: 'move' },
  { keys: ['Enter', 'f'], action: 'focus', help: 'focus' },
  { keys: ['i'], action: 'identity', help: 'identity' },
  { keys: ['w'], action: 'warn', help: 'warn' },
  { keys: ['p'], action: 'pause', help: 'pause' },
  { keys: ['c'], action: 'chat', help: 'chat' },
  { keys: ['/'], action: 'search', help: 'search' },
  { keys: ['?'], action: 'help', help: 'help' },
];

const HELP_ROWS: { keys: string[]; help: string }[] = [
  { keys: ['←', '→', '↑', '↓', 'J', 'K'], help: 'move' },
  { keys: ['Enter', 'F'], help: 'focus' },
  { keys: ['I'], help: 'identity' },
  { keys: ['W'], help: 'warn' },
  { keys: ['P'], help: 'pause' },
  { keys: ['C'], help: 'chat' },
  { keys: ['/'], help: 'search' },
  { keys: ['?'], help: 'help' },
];

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Calls `on` for a shortcut pressed outside text fields, while `enabled` (no dialog open). */
export function useShortcuts(enabled: boolean, on: (a: ShortcutAction) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const handler = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const s = SHORTCUTS.find((x) => x.keys.includes(e.key));
      if (!s) return;
      e.preventDefault();
      on(s.action);
    };
    document.addEventListener('keydown', handler);
    return () => document.removeEventListener('keydown', handler);
  }, [enabled, on]);
}

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('console.shortcuts.title')}>
      <Text size="sm" mb="sm">
        {t('console.shortcuts.intro')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('console.key')}</Table.Th>
            <Table.Th>{t('console.does')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {HELP_ROWS.map((r) => (
            <Table.Tr key={r.help}>
              <Table.Td>
                {r.keys.map((k) => (
                  <Kbd key={k} mr={4}>
                    {k}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{t(`console.shortcuts.${r.help as 'move'}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
