/**
 * `refresh`: a new token for a live session, without reconnecting. The new identity
 * replaces the old one (rooms allowed, expiry) for what follows; rooms already joined are
 * kept. A refused token leaves the session as it was, until its old token expires (4010).
 */
import type { ClientMessages } from 'switchboard/protocol';
import type { SessionScope } from './scope.ts';

/** Handles `refresh`: answers `refreshed`, or `error SRV_ERR_UNAUTHORIZED`. */
export async function handleRefresh(
  scope: SessionScope,
  message: ClientMessages['refresh'],
  from: { ip: string; origin: string | undefined },
): Promise<void> {
  const { ctx } = scope;
  const result = await ctx.authenticate(message.token, {
    ip: from.ip,
    ...(from.origin === undefined ? {} : { origin: from.origin }),
  });
  if (!result.ok) {
    scope.error('SRV_ERR_UNAUTHORIZED', result.message, message.id);
    return;
  }
  if (result.identity.peer !== undefined && result.identity.peer !== scope.peer) {
    scope.error(
      'SRV_ERR_UNAUTHORIZED',
      'the token names another peer than the session',
      message.id,
    );
    return;
  }
  scope.identity = result.identity;
  await ctx.adapter.updateIdentity(scope.session, result.identity);
  const { expiresAt } = result.identity;
  scope.reply({
    type: 'refreshed',
    ref: message.id,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  });
}
