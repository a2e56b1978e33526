package io.github.modelpool.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.modelpool.pool.ModelPool;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A small application, started in a JVM of its own by {@code VirtualThreadCallsTests}: a
 * pool limiting whole calls, over a member that notes the thread it runs on. It makes one
 * call, prints {@code CALLED ON virtual=<true|false> thread=<name>}, and ends.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ TaskExecutionAutoConfiguration.class, ModelPoolAutoConfiguration.class })
public class VirtualThreadsApplication {

	private static final AtomicReference<Thread> servedOn = new AtomicReference<>();

	@Bean
	ChatModel recordingModel() {
		return (prompt) -> {
			servedOn.set(Thread.currentThread());
			return new ChatResponse(List.of(new Generation(new AssistantMessage("ok"))));
		};
	}

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(VirtualThreadsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			context.getBean("assistant", ModelPool.class).call(new Prompt("hi"));
			Thread thread = servedOn.get();
			boolean virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			System.out.println("CALLED ON virtual=" + virtual + " thread=" + thread);
		}
	}

}
