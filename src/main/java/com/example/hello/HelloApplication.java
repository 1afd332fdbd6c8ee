package com.example.hello;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hello service, and its application factory, Flask's {@code create_app(config)}.
 * <p>
 * Each call to {@link #create(String...)} or {@link #start(Map, String...)} builds an
 * independent application instance from the profiles it is given (the "config files" of
 * the factory) plus optional overrides, so that one JVM can run several differently
 * configured instances side by side.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HelloApplication {

	public static void main(String[] args) {
		create().run(args);
	}

	/**
	 * Builds an application instance that runs with the given profiles on top of any set
	 * by {@code spring.profiles.active}.
	 * @param profiles the profiles to activate, for example {@code "prod"}
	 * @return an application that is ready to {@link SpringApplication#run run}
	 */
	public static SpringApplication create(String... profiles) {
		SpringApplication application = new SpringApplication(HelloApplication.class);
		application.setAdditionalProfiles(profiles);
		return application;
	}

	/**
	 * Builds and starts an application instance with the given profiles and property
	 * overrides. The overrides win over every configuration file and environment
	 * variable, as command-line arguments do.
	 * @param overrides properties to set, for example {@code server.port=0}
	 * @param profiles the profiles to activate
	 * @return the running application; close it to stop the instance
	 */
	public static ConfigurableApplicationContext start(Map<String, ?> overrides, String... profiles) {
		String[] args = overrides.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return create(profiles).run(args);
	}

}
