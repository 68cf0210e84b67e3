package dev.gatehouse.notifications.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@link OutboxSender} with a fixed delay of {@code gatehouse.notifications.send-interval}
 * unless {@code gatehouse.notifications.send-on-schedule} is {@code false}. A round that fails (the
 * database is away) is logged by the scheduler and the next round tries again.
 */
@Configuration(proxyBeanMethods = false)
class OutboxSchedule implements SchedulingConfigurer {

	private final OutboxSender sender;

	private final NotificationsProperties properties;

	OutboxSchedule(OutboxSender sender, NotificationsProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (properties.sendOnSchedule()) {
			registrar.addFixedDelayTask(sender::sendPending, properties.sendInterval());
		}
	}

}
