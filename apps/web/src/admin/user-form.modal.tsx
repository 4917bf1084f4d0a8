import {
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateUserBody,
  ROLES,
  UpdateUserBody,
  type ErrorIssue,
  type Role,
  type UserView,
} from '@emtihan/protocol';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages';
import { useSession } from '../session/session';
import { fieldMessages, issuesOf, zodIssues } from '../ui/errors';
import { ErrorAlert } from '../ui/status';

interface FormValues {
  login: string;
  fullName: string;
  email: string;
  group: string;
  language: Language;
  roles: Role[];
  active: boolean;
  password: string;
}

function initialValues(user: UserView | null, language: Language): FormValues {
  return {
    login: user?.login ?? '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    group: user?.group ?? '',
    language: user?.language ?? language,
    roles: user ? [...user.roles] : ['student'],
    active: user?.active ?? true,
    password: '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Only what changed, so an edit never overwrites a field the admin did not touch. */
function changes(user: UserView, v: FormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (v.fullName.trim() !== user.fullName) patch.fullName = v.fullName;
  if (orNull(v.email) !== user.email) patch.email = orNull(v.email);
  if (orNull(v.group) !== user.group) patch.group = orNull(v.group);
  if (v.language !== user.language) patch.language = v.language;
  const sameRoles =
    v.roles.length === user.roles.length && v.roles.every((r) => user.roles.includes(r));
  if (!sameRoles) patch.roles = v.roles;
  if (v.active !== user.active) patch.active = v.active;
  if (v.password !== '') patch.password = v.password;
  return patch;
}

export type UserFormResult =
  | { kind: 'created'; user: UserView }
  | { kind: 'updated'; user: UserView }
  | { kind: 'unchanged' }
  | { kind: 'revoked'; user: UserView; count: number };

interface UserFormModalProps {
  /** The user to edit; null to create one. */
  user: UserView | null;
  opened: boolean;
  onClose: () => void;
  onDone: (result: UserFormResult) => void;
}

/** Create or edit a person: name as on the ID document, contacts, roles, access. */
export function UserFormModal({ user, opened, onClose, onDone }: UserFormModalProps) {
  const { t } = useTranslation();
  const title = user ? t('users.edit.title', { login: user.login }) : t('users.create.title');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {opened ? (
        <UserForm key={user?.id ?? 'new'} user={user} onClose={onClose} onDone={onDone} />
      ) : null}
    </Modal>
  );
}

function UserForm({ user, onClose, onDone }: Omit<UserFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [values, setValues] = useState(() => initialValues(user, language));
  const [issues, setIssues] = useState<ErrorIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRevoke, setConfirmRevoke] = useState(false);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const fieldErrors = fieldMessages(t, issues);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let request: Promise<UserFormResult>;
    if (user) {
      const patch = changes(user, values);
      if (Object.keys(patch).length === 0) {
        onDone({ kind: 'unchanged' });
        return;
      }
      const checked = UpdateUserBody.safeParse(patch);
      if (!checked.success) {
        setIssues(zodIssues(checked.error));
        return;
      }
      request = api
        .call('updateUser', { params: { userId: user.id }, body: checked.data })
        .then((updated) => ({ kind: 'updated', user: updated }));
    } else {
      const checked = CreateUserBody.safeParse({
        login: values.login,
        fullName: values.fullName,
        email: orNull(values.email),
        group: orNull(values.group),
        language: values.language,
        roles: values.roles,
        password: values.password,
      });
      if (!checked.success) {
        setIssues(zodIssues(checked.error));
        return;
      }
      request = api
        .call('createUser', { body: checked.data })
        .then((created) => ({ kind: 'created', user: created }));
    }
    setIssues([]);
    setBusy(true);
    try {
      onDone(await request);
    } catch (caught) {
      setIssues(issuesOf(caught));
      setError(caught);
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const { revoked } = await api.call('revokeUserSessions', { params: { userId: user.id } });
      onDone({ kind: 'revoked', user, count: revoked });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  if (user && confirmRevoke) {
    return (
      <Stack gap="md">
        <Text>{t('users.revoke.confirm', { name: user.fullName, login: user.login })}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmRevoke(false)} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void revoke()} loading={busy}>
            {t('users.revoke.action')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {user ? null : (
          <TextInput
            label={t('users.field.login')}
            description={t('validation.login')}
            withAsterisk
            autoComplete="off"
            spellCheck={false}
            value={values.login}
            onChange={(e) => set('login', e.currentTarget.value)}
            error={fieldErrors.login}
            data-autofocus
          />
        )}
        <TextInput
          label={t('users.field.fullName')}
          description={t('users.field.fullNameHint')}
          withAsterisk
          autoComplete="off"
          value={values.fullName}
          onChange={(e) => set('fullName', e.currentTarget.value)}
          error={fieldErrors.fullName}
          data-autofocus={user ? true : undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.field.email')}
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <TextInput
            label={t('users.field.group')}
            autoComplete="off"
            value={values.group}
            onChange={(e) => set('group', e.currentTarget.value)}
            error={fieldErrors.group}
          />
        </SimpleGrid>
        <Select
          label={t('users.field.language')}
          data={LANGUAGES.map((lng) => ({ value: lng, label: LANGUAGE_NAMES[lng] }))}
          value={values.language}
          onChange={(value) => {
            if (isLanguage(value)) set('language', value);
          }}
          allowDeselect={false}
          error={fieldErrors.language}
        />
        <Checkbox.Group
          label={t('users.field.roles')}
          withAsterisk
          value={values.roles}
          onChange={(value) =>
            set(
              'roles',
              value.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
            )
          }
          error={fieldErrors.roles}
        >
          <Group gap="lg" mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {user ? (
          <Checkbox
            label={t('users.field.active')}
            description={t('users.field.activeHint')}
            checked={values.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
          />
        ) : null}
        <PasswordInput
          label={user ? t('users.field.newPassword') : t('users.field.password')}
          description={user ? t('users.field.newPasswordHint') : t('validation.password')}
          withAsterisk={!user}
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={fieldErrors.password}
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {user ? t('common.save') : t('users.create.submit')}
          </Button>
        </Group>
        {user ? (
          <>
            <Divider />
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('users.revoke.title')}
              </Title>
              <Text size="sm">{t('users.revoke.explain')}</Text>
              <Group>
                <Button
                  variant="light"
                  color="red"
                  onClick={() => {
                    setError(null);
                    setConfirmRevoke(true);
                  }}
                >
                  {t('users.revoke.action')}
                </Button>
              </Group>
            </Stack>
          </>
        ) : null}
      </Stack>
    </form>
  );
}
