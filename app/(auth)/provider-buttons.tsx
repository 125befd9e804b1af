import { providerSignInAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Divider } from "@/components/ui/divider";
import type { IdentityProvider } from "@/lib/auth/providers";

/**
 * "Continue with <provider>" for each configured identity provider, under a divider; nothing
 * when none is configured. Each is a plain form, so it works without JavaScript too.
 */
export function ProviderButtons({
  providers,
  remember = false,
  callbackUrl,
}: {
  providers: IdentityProvider[];
  remember?: boolean;
  callbackUrl?: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-3">
      <Divider>or</Divider>
      {providers.map((provider) => (
        <form key={provider.id} action={providerSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="remember" value={remember ? "on" : ""} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          <Button type="submit" variant="outline" className="w-full">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </div>
  );
}
