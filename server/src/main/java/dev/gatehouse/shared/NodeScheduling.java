package dev.gatehouse.shared;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work (mail, key rotation, purges, partition maintenance, deadline jobs) runs on nodes
 * of the default role. A node started with {@code gatehouse.node.role=gateway} only serves the
 * platform API: it keeps its revocation set and access-log writer, and leaves the rest to the
 * full nodes that share its database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gatehouse.node.role", havingValue = "all", matchIfMissing = true)
@EnableScheduling
class NodeScheduling {

}
