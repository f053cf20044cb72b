import { TransNoContext, type TransProps } from '@lingui/react/server';
import { i18n } from './i18n';

/**
 * What Lingui's `<Trans>` macro renders (lingui.config.ts points it here): the message from the app's one
 * active catalogue. The language is chosen before the first render and changes only with a reload
 * (`?lang=`), so no provider or context is needed, and a component renders the same in a test.
 */
export function Trans(props: TransProps) {
  return <TransNoContext {...props} lingui={{ i18n }} />;
}
