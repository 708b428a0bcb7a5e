package io.keyward.command.api;

import io.keyward.identity.Role;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a service account, optionally with its first PAT ({@code pat} null otherwise). */
public record CreateServiceAccountCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        String username,
        String name,
        String description,
        String accessTokenType,
        List<Role> roles,
        NewPat pat,
        String actorId) {
}
