package dev.gatehouse.shared.badges;

import java.util.List;
import java.util.UUID;

/**
 * A module that awards badges to apps. The marketplace shows what every source awards without
 * depending on the modules that decide (they depend on the marketplace).
 */
public interface AppBadgeSource {

	List<AppBadge> badgesOf(UUID appId);

}
