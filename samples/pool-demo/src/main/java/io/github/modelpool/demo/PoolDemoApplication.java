package io.github.modelpool.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * A web app whose model pools route, stick and fail over across simulated providers.
 */
@SpringBootApplication
@ImportRuntimeHints(DashboardRuntimeHints.class)
public class PoolDemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(PoolDemoApplication.class, args);
	}

}
