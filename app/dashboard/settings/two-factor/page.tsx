import type { Metadata } from "next";
import { startTwoFactorSetupAction } from "@/app/dashboard/actions";
import { Button } from "@/components/ui/button";
import { twoFactorStatus } from "@/lib/account/two-factor";
import { hasPassword } from "@/lib/account/profile";
import { hasPasskeys } from "@/lib/account/passkeys";
import { confirmedRecently, requireSession, signedInRecently } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { ConfirmSetupForm, RegenerateForm, TurnOffForm } from "./two-factor-forms";

const section = sectionAt("/dashboard/settings/two-factor");
export const metadata: Metadata = { title: section.title };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function TwoFactorPage() {
  const session = await requireSession({ allowWithoutTwoFactor: true });
  const status = await twoFactorStatus(session.user);
  const [passwordOn, passkeysOn] = await Promise.all([hasPassword(session.user.id), hasPasskeys(session.user.id)]);

  if (status.state === "on") {
    return (
      <SectionCard
        title={section.title}
        description={
          <>
            On since <time dateTime={status.since.toISOString()}>{dateFormat.format(status.since)}</time>. Signing in asks for a code
            from your authenticator app after your password.
          </>
        }
      >
        <div className="grid gap-8">
          <div className="grid gap-3">
            <h3 className="font-semibold">Recovery codes</h3>
            <p className="text-sm text-muted-foreground" data-testid="recovery-codes-left">
              {status.recoveryCodesLeft} of 10 recovery codes left. Each signs you in once if you lose your phone.
            </p>
            <RegenerateForm needsPassword={passwordOn && !signedInRecently(session)} />
          </div>
          <div className="grid gap-3">
            <h3 className="font-semibold">Turn off</h3>
            <TurnOffForm needsPassword={passwordOn} passkeys={passkeysOn} passkeyConfirmed={confirmedRecently(session)} />
          </div>
        </div>
      </SectionCard>
    );
  }

  if (status.state === "setting-up") {
    return (
      <SectionCard title={section.title} description="Scan the QR code with your authenticator app, or type the key into it, then enter the code it shows.">
        <div className="grid gap-6">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made here, nothing to optimise */}
          <img
            src={`data:image/svg+xml;base64,${Buffer.from(status.qrSvg).toString("base64")}`}
            alt="QR code to add this account to your authenticator app"
            width={200}
            height={200}
            className="rounded-md border bg-white p-2"
          />
          <div className="grid gap-1">
            <p className="text-sm font-medium" id="secret-key-label">
              Secret key
            </p>
            <code aria-labelledby="secret-key-label" className="font-mono text-sm break-all" data-testid="secret-key">
              {status.secret}
            </code>
          </div>
          <ConfirmSetupForm />
        </div>
      </SectionCard>
    );
  }

  return (
    <SectionCard
      title={section.title}
      description={
        env.REQUIRE_TWO_FACTOR
          ? "This app asks everyone to sign in with a second step: set it up to continue."
          : "Protect your account with a code from an authenticator app as well as your password."
      }
    >
      <form action={startTwoFactorSetupAction}>
        <Button type="submit">Set up authenticator app</Button>
      </form>
    </SectionCard>
  );
}
