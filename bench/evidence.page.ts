// Runs in Chromium for `npm run bench:evidence`: the workspace's own recorder, snapshot and
// device code, bundled by esbuild, so the benchmark measures the settings the students get.
import { openCamera, openMicrophone, openScreen } from '../apps/web/src/media/media.devices';
import {
  PROFILES,
  SEGMENT_SECONDS,
  SegmentRecorder,
} from '../apps/web/src/evidence/segment.recorder';
import { captureJpeg, SNAPSHOT_PROFILES } from '../apps/web/src/evidence/snapshot.capture';
import { startSideRecording } from '../apps/web/src/evidence/side.recorder';

Object.assign(window, {
  evidenceBench: {
    openCamera,
    openMicrophone,
    openScreen,
    PROFILES,
    SEGMENT_SECONDS,
    SegmentRecorder,
    captureJpeg,
    SNAPSHOT_PROFILES,
    startSideRecording,
  },
});
