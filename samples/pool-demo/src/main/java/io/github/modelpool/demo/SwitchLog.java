package io.github.modelpool.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import io.github.modelpool.member.PoolMember;
import io.github.modelpool.pool.PoolListener;
import io.github.modelpool.pool.SwitchReason;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remembers the most recent session switches for the dashboard, through the pool's
 * public listener API.
 */
@Component
@RestController
class SwitchLog implements PoolListener {

	private static final int SIZE = 25;

	private final Deque<Switch> recent = new ArrayDeque<>();

	@Override
	public void onSwitch(String pool, PoolMember from, PoolMember to, SwitchReason reason) {
		synchronized (this.recent) {
			this.recent.addFirst(new Switch(Instant.now(), pool, from.id(), to.id(), reason.name().toLowerCase(Locale.ROOT)));
			while (this.recent.size() > SIZE) {
				this.recent.removeLast();
			}
		}
	}

	@GetMapping("/demo/switches")
	List<Switch> recent() {
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

	record Switch(Instant at, String pool, String from, String to, String reason) {
	}

}
