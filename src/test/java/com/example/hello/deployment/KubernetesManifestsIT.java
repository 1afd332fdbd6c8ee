package com.example.hello.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes manifests ({@code deploy/kubernetes}): valid against Kubernetes'
 * schemas, offline (the npm package kubernetes-models, installed once into a cache as
 * {@link DebianMachine} keeps its tree), with the settings that keep a rollout from
 * losing requests where they belong; and run as far as {@code podman kube play} goes: the
 * Deployment's pods start from the image under test, answer the probes' paths, keep the
 * restricted security context, and serve.
 * <p>
 * There is no cluster here: no Service, readiness gating, preStop or rollout runs. Needs
 * root, podman, runc, catatonit, debootstrap and node with npm: skipped, loudly, on a
 * developer machine without them, failed in CI.
 */
class KubernetesManifestsIT {

	private static final Path MANIFESTS = Path.of("deploy/kubernetes");

	private static final List<String> RESOURCES = List.of("deployment.yaml", "service.yaml",
			"poddisruptionbudget.yaml");

	/** Pinned: a version that runs on Debian 12's node (18) and on newer ones. */
	private static final String VALIDATOR_PACKAGES = "kubernetes-models@4.5.1 js-yaml@4.1.0";

	private static final Path NPM_CACHE = Path
		.of(System.getenv().getOrDefault("HELLO_NPM_CACHE", "/var/tmp/hello-npm"));

	/** spring.lifecycle.timeout-per-shutdown-phase in application.yml. */
	private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;

	private static final Duration PODMAN_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	@Test
	void kustomizationListsEveryManifest() throws IOException {
		Map<String, Object> kustomization = load(MANIFESTS.resolve("kustomization.yaml"));
		assertThat(kustomization.get("resources")).isEqualTo(RESOURCES);
	}

	@Test
	void manifestsAreValidAgainstKubernetesSchemas(@TempDir Path dir) throws Exception {
		Path validator = validator();
		List<String> command = new ArrayList<>(List.of(node().toString(), validator.toString()));
		for (String resource : RESOURCES) {
			command.add(MANIFESTS.resolve(resource).toAbsolutePath().toString());
		}
		String output = Commands.run(Duration.ofMinutes(1), command);
		assertThat(output).contains("Deployment hello: valid", "Service hello: valid",
				"PodDisruptionBudget hello: valid");
		// and the validator is no rubber stamp: a wrong type and a missing name fail
		String broken = Files.readString(MANIFESTS.resolve("deployment.yaml"))
			.replace("containerPort: 8080", "containerPort: \"8080\"")
			.replace("        - name: hello\n", "        - image-name: hello\n");
		Path file = Files.writeString(dir.resolve("broken.yaml"), broken);
		assertThat(Commands.run(Duration.ofMinutes(1),
				List.of("bash", "-c",
						"'" + node() + "' '" + validator + "' '" + file + "' && echo VALID || echo INVALID")))
			.contains("containerPort must be integer", "must have required property name", "INVALID");
	}

	/**
	 * The settings a schema cannot judge, read by their paths, which a misspelled field
	 * name would also fail: the schemas allow unknown fields.
	 */
	@Test
	void deploymentRollsOutAndShutsDownWithoutLosingRequests() throws IOException {
		Map<String, Object> deployment = load(MANIFESTS.resolve("deployment.yaml"));
		assertThat(value(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
		assertThat((Integer) at(deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
		Map<String, Object> pod = at(deployment, "spec", "template", "spec");
		Map<String, Object> container = container(deployment);
		assertThat(value(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		assertThat(value(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(value(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		List<String> preStop = at(container, "lifecycle", "preStop", "exec", "command");
		int pause = Integer.parseInt(preStop.get(1));
		assertThat(preStop.get(0)).isEqualTo("sleep");
		assertThat(pause).isBetween(5, 30);
		assertThat((Integer) at(pod, "terminationGracePeriodSeconds")).isGreaterThan(pause + SHUTDOWN_TIMEOUT_SECONDS);
		assertThat(value(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
		assertThat(value(pod, "enableServiceLinks")).isEqualTo(false);
		assertThat(value(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(value(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(value(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
		assertThat(value(container, "resources", "limits", "memory")).isNotNull();
		assertThat(value(container, "resources", "requests", "cpu")).isNotNull();
		Map<String, Object> budget = load(MANIFESTS.resolve("poddisruptionbudget.yaml"));
		assertThat(value(budget, "spec", "selector")).isEqualTo(at(deployment, "spec", "selector"));
		Map<String, Object> service = load(MANIFESTS.resolve("service.yaml"));
		assertThat(value(service, "spec", "selector")).isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
	}

	/**
	 * The Deployment as shipped, with its replicas, each pod from the image under test.
	 * podman publishes a container port on every address unless told otherwise, and would
	 * publish every replica's on the same one: here nothing is published, and the probes'
	 * paths are asked inside each pod.
	 */
	@Test
	void podmanPlaysEveryReplicaAndEachAnswersItsProbes(@TempDir Path dir) throws Exception {
		Path catatonit = RequiredTool.find("catatonit", "apt-get install -y catatonit", "podman kube play");
		assertThat(catatonit).isExecutable();
		String image = Podman.image();
		Map<String, Object> deployment = forPodman(image);
		int replicas = (Integer) at(deployment, "spec", "replicas");
		container(deployment).remove("ports");
		Path manifest = dump(deployment, dir.resolve("replicas.yaml"));
		try {
			Podman.run(PODMAN_TIMEOUT, "kube", "play", manifest.toString());
			for (int replica = 0; replica < replicas; replica++) {
				String container = "hello-pod-" + replica + "-hello";
				Map<String, Object> shipped = container(load(MANIFESTS.resolve("deployment.yaml")));
				for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
					String path = at(shipped, probe, "httpGet", "path");
					await(container + "'s " + probe).atMost(START_TIMEOUT)
						.pollInterval(Duration.ofMillis(500))
						.until(() -> Podman.exitCode(PODMAN_TIMEOUT, "exec", container, "java", "-Xmx8m",
								"-XX:TieredStopAtLevel=1", "-cp", "/opt/hello/tools", "HealthCheck", "127.0.0.1:8080",
								path) == 0);
				}
			}
		}
		finally {
			down(manifest);
		}
	}

	/**
	 * One replica, published on loopback only: it serves, under the restricted security
	 * context, and stops gracefully within the grace period.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void podmanPlaysThePodWhichServesRestricted(@TempDir Path dir) throws Exception {
		RequiredTool.find("catatonit", "apt-get install -y catatonit", "podman kube play");
		String image = Podman.image();
		int port = Nginx.freePort();
		Map<String, Object> deployment = forPodman(image);
		((Map<String, Object>) deployment.get("spec")).put("replicas", 1);
		Map<String, Object> http = ((List<Map<String, Object>>) container(deployment).get("ports")).get(0);
		http.put("hostIP", "127.0.0.1");
		http.put("hostPort", port);
		Path manifest = dump(deployment, dir.resolve("one.yaml"));
		String container = "hello-pod-0-hello";
		try {
			Podman.run(PODMAN_TIMEOUT, "kube", "play", manifest.toString());
			HttpTestClient tcp = HttpTestClient.tcp(port).waitingUpTo(Duration.ofSeconds(5));
			await("the pod to answer /hello").atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> tcp.get("/hello").status() == 200);
			Map<String, Object> shipped = container(load(MANIFESTS.resolve("deployment.yaml")));
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(tcp.get(at(shipped, probe, "httpGet", "path")).body()).as(probe)
					.isEqualTo("{\"status\":\"UP\"}");
			}
			assertThat(tcp.get("/about").status()).isEqualTo(200);
			assertThat(Podman.run(PODMAN_TIMEOUT, "exec", container, "cat", "/proc/1/status"))
				.containsPattern("Uid:\\s+10001\\s")
				.containsPattern("CapEff:\\s+0+\\s")
				.containsPattern("NoNewPrivs:\\s+1");
			assertThat(Podman.exitCode(PODMAN_TIMEOUT, "exec", container, "touch", "/opt/hello/x")).isNotZero();
			assertThat(Podman.exitCode(PODMAN_TIMEOUT, "exec", container, "touch", "/tmp/x")).isZero();
			// the preStop command exists in the image and returns
			List<String> preStop = at(shipped, "lifecycle", "preStop", "exec", "command");
			List<String> exec = new ArrayList<>(List.of("exec", container, preStop.get(0), "0"));
			Podman.run(PODMAN_TIMEOUT, exec.toArray(String[]::new));
			// SIGTERM to PID 1, as the kubelet sends it after preStop
			Podman.run(PODMAN_TIMEOUT, "pod", "stop", "--time",
					String.valueOf(value(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")),
					"hello-pod-0");
			assertThat(Podman.run(PODMAN_TIMEOUT, "inspect", "--format", "{{.State.ExitCode}}", container).strip())
				.isEqualTo("143");
			assertThat(Podman.run(PODMAN_TIMEOUT, "logs", container)).contains("Graceful shutdown complete");
		}
		finally {
			down(manifest);
		}
	}

	/** The shipped Deployment with the image under test, which is never pulled. */
	private static Map<String, Object> forPodman(String image) throws IOException {
		Map<String, Object> deployment = load(MANIFESTS.resolve("deployment.yaml"));
		Map<String, Object> container = container(deployment);
		container.put("image", image);
		container.put("imagePullPolicy", "Never");
		return deployment;
	}

	private static void down(Path manifest) {
		Podman.removeQuietly("kube", "down", manifest.toString());
	}

	/** The validator and its packages, installed once into the cache. */
	private static Path validator() throws Exception {
		Path npm = RequiredTool.find("npm", "apt-get install -y npm", "the manifests' validation");
		node();
		Path installed = NPM_CACHE.resolve(VALIDATOR_PACKAGES.replace(' ', '+'));
		if (!Files.isDirectory(installed.resolve("node_modules/kubernetes-models"))) {
			Path partial = NPM_CACHE.resolve(installed.getFileName() + ".partial");
			Commands.run(Duration.ofSeconds(30), "rm", "-rf", partial.toString());
			Files.createDirectories(partial);
			List<String> install = new ArrayList<>(
					List.of(npm.toString(), "install", "--no-audit", "--no-fund", "--prefix", partial.toString()));
			install.addAll(List.of(VALIDATOR_PACKAGES.split(" ")));
			Commands.run(Duration.ofMinutes(5), install);
			Commands.run(Duration.ofSeconds(30), "rm", "-rf", installed.toString());
			Files.move(partial, installed);
		}
		// next to its node_modules, where its imports are resolved
		Path script = installed.resolve("validate-kubernetes.mjs");
		try (InputStream in = KubernetesManifestsIT.class.getResourceAsStream("validate-kubernetes.mjs")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		return script;
	}

	private static Path node() {
		return RequiredTool.find("node", "apt-get install -y nodejs", "the manifests' validation");
	}

	private static Map<String, Object> load(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	private static Path dump(Map<String, Object> object, Path file) throws IOException {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return Files.writeString(file, new Yaml(options).dump(object));
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static Object value(Map<String, Object> object, String... path) {
		return at(object, path);
	}

	@SuppressWarnings("unchecked")
	private static <T> T at(Map<String, Object> object, String... path) {
		Object value = object;
		for (String key : path) {
			assertThat(value).as(String.join(".", path)).isInstanceOf(Map.class);
			value = ((Map<String, Object>) value).get(key);
		}
		return (T) value;
	}

}
