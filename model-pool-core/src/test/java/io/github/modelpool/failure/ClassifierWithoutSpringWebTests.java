package io.github.modelpool.failure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier loads and works in an application without spring-web and WebFlux (a
 * pool of in-process or SDK-based members): every optional type it reads stays behind a
 * presence check that really guards it. Checked on a class path without those jars, not
 * only with a filtering class loader, since linkage errors surface when a class is
 * loaded.
 */
class ClassifierWithoutSpringWebTests {

	@Test
	void classifiesWithoutSpringWebOnTheClassPath() throws Exception {
		try (URLClassLoader withoutWeb = new URLClassLoader(classPathWithout("spring-web", "spring-webflux"),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(withoutWeb.getResource("org/springframework/web/client/RestClientResponseException.class"))
				.as("spring-web is really gone")
				.isNull();
			Class<?> classifierType = withoutWeb.loadClass(DefaultFailureClassifier.class.getName());
			// What Spring does with every bean class: no method may name a missing type.
			assertThat(classifierType.getDeclaredMethods()).isNotEmpty();
			Object classifier = classifierType.getConstructor().newInstance();
			Object failure = classifierType.getMethod("classify", Throwable.class)
				.invoke(classifier, new java.net.ConnectException("refused"));
			assertThat(failure.toString()).contains("TRANSIENT");
			Object request = classifierType.getMethod("classify", Throwable.class)
				.invoke(classifier, new IllegalArgumentException("bad option"));
			assertThat(request.toString()).contains("REQUEST");
		}
	}

	private static URL[] classPathWithout(String... artifacts) throws MalformedURLException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = new File(entry).getName();
			boolean excluded = false;
			for (String artifact : artifacts) {
				excluded |= name.matches(artifact + "-\\d.*\\.jar");
			}
			if (!excluded) {
				urls.add(new File(entry).toURI().toURL());
			}
		}
		return urls.toArray(URL[]::new);
	}

}
