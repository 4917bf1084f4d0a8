// Where an import's CSV comes from: a file (read as strict UTF-8, so a spreadsheet saved in a
// legacy code page is refused, not garbled) or text pasted into the box. One for the students',
// the timetable's and the accommodations' imports; each page names its texts by its prefix.
import { FileInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The pages whose texts (`file`, `fileHint`, `filePlaceholder`, `notUtf8`, `text`, `textHint`) this shows. */
export type CsvSourceTexts = 'import' | 'examImport' | 'accommodations.import';

export async function readUtf8(file: File): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return null;
  }
}

export function CsvSource({
  texts,
  csv,
  onCsv,
}: {
  texts: CsvSourceTexts;
  csv: string;
  onCsv(text: string): void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [notUtf8, setNotUtf8] = useState(false);
  const pick = async (picked: File | null) => {
    setFile(picked);
    setNotUtf8(false);
    if (!picked) return;
    const text = await readUtf8(picked);
    if (text === null) setNotUtf8(true);
    else onCsv(text);
  };
  return (
    <>
      <FileInput
        label={t(`${texts}.file`)}
        description={t(`${texts}.fileHint`)}
        placeholder={t(`${texts}.filePlaceholder`)}
        accept=".csv,text/csv,text/plain"
        clearable
        value={file}
        onChange={(picked) => void pick(picked)}
        w={{ base: '100%', sm: 420 }}
        error={notUtf8 ? t(`${texts}.notUtf8`) : undefined}
      />
      <Textarea
        label={t(`${texts}.text`)}
        description={t(`${texts}.textHint`)}
        autosize
        minRows={6}
        maxRows={16}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        value={csv}
        onChange={(e) => onCsv(e.currentTarget.value)}
      />
    </>
  );
}
