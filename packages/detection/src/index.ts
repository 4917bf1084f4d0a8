// The detectors' shared configuration and result mapping (filled in by issue 6).
export const DETECTION_PACKAGE = '@emtihan/detection';
