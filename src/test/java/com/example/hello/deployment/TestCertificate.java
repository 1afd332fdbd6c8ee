package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made with openssl for nginx's HTTPS
 * listener, and an SSL context that trusts exactly it.
 */
record TestCertificate(Path certificate, Path key) {

	static TestCertificate create(Path directory) throws IOException, InterruptedException {
		Path certificate = directory.resolve("localhost.pem");
		Path key = directory.resolve("localhost.key");
		Path openssl = RequiredTool.find("openssl", "apt-get install -y openssl",
				"the tests that need a test certificate");
		Commands.run(Duration.ofSeconds(30), openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
				"-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
				"-keyout", key.toString(), "-out", certificate.toString());
		return new TestCertificate(certificate, key);
	}

	SSLContext trustingIt() throws Exception {
		X509Certificate x509;
		try (var in = java.nio.file.Files.newInputStream(this.certificate)) {
			x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		trusted.setCertificateEntry("localhost", x509);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

}
