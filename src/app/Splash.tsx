import { t } from '@lingui/core/macro';
import { Logo } from '../ui/Logo';
import { Spinner } from '../ui/Spinner';

/** While the stored session is checked: neutral, so a signed-in person never sees the sign-in form flash. */
export function Splash() {
  return (
    <div className="splash" role="status" aria-label={t`Loading VioletChat`}>
      <Logo size={56} />
      <Spinner size={22} />
    </div>
  );
}
