// The seed's step 3: "enter your full name exactly as on your ID card", and the ID card shown
// to the camera (oral step 4: "showing a document to the web camera"), with a face photo.
import { Alert, Grid, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCameraOn, useMedia } from '../../media/media.context';
import { CameraCapture } from './camera-capture';
import type { NameProblem } from './check-in.rules';

export interface IdentityData {
  typedName: string;
  idPhoto: Blob | null;
  facePhoto: Blob | null;
}

export function IdentityStep({
  data,
  onChange,
  nameError,
  photos = { idPhoto: true, facePhoto: true },
}: {
  data: IdentityData;
  onChange: (d: IdentityData) => void;
  nameError: NameProblem | null;
  /** The photos the exam asks for (`settings.idCheck`); the camera is asked for only then. */
  photos?: { idPhoto: boolean; facePhoto: boolean };
}) {
  const { t } = useTranslation();
  const media = useMedia();
  const anyPhoto = photos.idPhoto || photos.facePhoto;
  const cameraFailed = useCameraOn(anyPhoto);
  const half = photos.idPhoto && photos.facePhoto ? 6 : 12;
  return (
    <Stack gap="lg">
      <TextInput
        label={t('written.identity.name')}
        description={t('written.identity.nameHint')}
        value={data.typedName}
        onChange={(e) => onChange({ ...data, typedName: e.currentTarget.value })}
        autoComplete="name"
        required
        size="md"
        error={
          nameError
            ? nameError.matchedPart
              ? t('written.identity.mismatchAt', {
                  matched: nameError.matchedPart,
                  at: nameError.at,
                })
              : t('written.identity.mismatchStart')
            : undefined
        }
        maw={560}
      />
      {cameraFailed ? (
        <Alert color="red" variant="light" role="alert">
          {t('written.identity.noCamera')}
        </Alert>
      ) : null}
      <Grid gap="xl">
        {photos.idPhoto ? (
          <Grid.Col span={{ base: 12, md: half }}>
            <Stack gap="xs" component="section" aria-labelledby="id-photo-title">
              <Title order={3} size="h4" id="id-photo-title">
                {t('written.identity.idTitle')}
              </Title>
              <List size="sm">
                <List.Item>{t('written.identity.idHint1')}</List.Item>
                <List.Item>{t('written.identity.idHint2')}</List.Item>
              </List>
              <CameraCapture
                stream={media.camera}
                photo={data.idPhoto}
                onPhoto={(idPhoto) => onChange({ ...data, idPhoto })}
                takeLabel={t('written.identity.takeId')}
                previewLabel={t('written.identity.cameraPreview')}
                photoLabel={t('written.identity.idPhoto')}
              />
            </Stack>
          </Grid.Col>
        ) : null}
        {photos.facePhoto ? (
          <Grid.Col span={{ base: 12, md: half }}>
            <Stack gap="xs" component="section" aria-labelledby="face-photo-title">
              <Title order={3} size="h4" id="face-photo-title">
                {t('written.identity.faceTitle')}
              </Title>
              <List size="sm">
                <List.Item>{t('written.identity.faceHint1')}</List.Item>
                <List.Item>{t('written.identity.faceHint2')}</List.Item>
              </List>
              <CameraCapture
                stream={media.camera}
                photo={data.facePhoto}
                onPhoto={(facePhoto) => onChange({ ...data, facePhoto })}
                takeLabel={t('written.identity.takeFace')}
                previewLabel={t('written.identity.cameraPreview')}
                photoLabel={t('written.identity.facePhoto')}
              />
            </Stack>
          </Grid.Col>
        ) : null}
      </Grid>
      {anyPhoto ? (
        <Text size="sm" c="dimmed">
          {t('written.identity.privacy')}
        </Text>
      ) : null}
    </Stack>
  );
}
