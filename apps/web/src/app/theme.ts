import { Badge, createTheme } from '@mantine/core';

// Calm and legible: system fonts (nothing fetched at run time), a slightly larger body text.
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontSizes: { md: '1rem' },
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  components: {
    // Mixed-case badges: an upper-case Kazakh role name is harder to read.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});
