package io.keyward.command.api;

import io.keyward.identity.Role;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a human user, optionally with a first PAT ({@code pat} null otherwise). */
public record RegisterHumanUserCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        String username,
        String name,
        String email,
        List<Role> roles,
        NewPat pat,
        String actorId) {
}
