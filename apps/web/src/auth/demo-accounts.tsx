import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DemoAccount } from '@emtihan/protocol';

/**
 * The demo's accounts, each with a button that fills the form. Its own module, loaded only when
 * the server runs the demo: a university's login page never carries the table's code.
 */
export function DemoAccounts({
  accounts,
  onPick,
}: {
  accounts: DemoAccount[];
  onPick: (account: DemoAccount) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="demo-accounts">
      <Stack gap="sm">
        <Title order={2} size="h3" id="demo-accounts">
          {t('login.demo.title')}
        </Title>
        <Text size="sm">{t('login.demo.intro')}</Text>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('login.demo.login')}</Table.Th>
              <Table.Th>{t('login.demo.roles')}</Table.Th>
              <Table.Th>{t('login.demo.password')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('login.demo.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => (
              <Table.Tr key={account.login}>
                <Table.Td>
                  <Text ff="monospace">{account.login}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {account.roles.map((role) => (
                      <Badge key={role} variant="light">
                        {t(`roles.${role}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace">{account.password}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('login.demo.fillFor', { login: account.login })}
                    onClick={() => onPick(account)}
                  >
                    {t('login.demo.fill')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h4">
          {t('login.demo.tryTitle')}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>{t('login.demo.tryAlone')}</List.Item>
          <List.Item>{t('login.demo.tryLive')}</List.Item>
          <List.Item>{t('login.demo.tryAuthor')}</List.Item>
        </List>
      </Stack>
    </Card>
  );
}
