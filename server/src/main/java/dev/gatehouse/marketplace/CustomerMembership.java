package dev.gatehouse.marketplace;

import dev.gatehouse.identity.UserId;

public record CustomerMembership(CustomerAccount account, UserId userId, CustomerRole role) {
}
