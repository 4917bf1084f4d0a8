import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldMessages, issuesOf } from './errors';

/**
 * A polite live region that is always in the page, so screen readers announce what
 * appears in it ("User created", "2 users imported").
 */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status">
      {message ? (
        <Alert color="green" variant="light" role="none">
          {message}
        </Alert>
      ) : null}
    </div>
  );
}

/** A failed call explained in the page's language, with the fields at fault. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = Object.entries(fieldMessages(t, issuesOf(error)));
  return (
    <Alert color="red" variant="light" title={errorMessage(t, error)}>
      {fields.length > 0 ? (
        <List size="sm">
          {fields.map(([field, message]) => (
            <List.Item key={field}>{message}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
