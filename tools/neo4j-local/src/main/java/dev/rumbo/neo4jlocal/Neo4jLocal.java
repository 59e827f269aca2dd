package dev.rumbo.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

import picocli.CommandLine;

/**
 * Runs a Neo4j Community server in this JVM, reachable over Bolt only, so that Rumbo can use a
 * real Neo4j on machines without Docker. Started and stopped by {@code scripts/neo4j-local}.
 *
 * <p>Usage: {@code java -jar neo4j-local.jar [--dir PATH] [--port N]}. Defaults come from the
 * environment: NEO4J_LOCAL_DIR (Neo4j home; the store lives in its {@code data/}, default
 * {@code .neo4j-local}), NEO4J_LOCAL_PORT (default 7687), NEO4J_LOCAL_PASSWORD (password of
 * user {@code neo4j}, default {@code rumbo-local-pw}), NEO4J_LOCAL_PAGECACHE (page cache size,
 * default {@code 256m}) and NEO4J_LOCAL_CONF (a {@code neo4j.conf}-style file of further
 * settings, applied last; none by default).
 */
public final class Neo4jLocal {

    /** Printed once Bolt accepts authenticated sessions; the launcher script waits for it. */
    static final String READY_MARKER = "neo4j-local: ready";

    private Neo4jLocal() {}

    public static void main(String[] args) throws InterruptedException {
        String dir = env("NEO4J_LOCAL_DIR", ".neo4j-local");
        String port = env("NEO4J_LOCAL_PORT", "7687");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = args[i + 1];
                case "--port" -> port = args[i + 1];
                default -> fail("unknown argument " + args[i] + "; usage: [--dir PATH] [--port N]");
            }
        }
        if (args.length % 2 != 0) {
            fail("usage: [--dir PATH] [--port N]");
        }
        Path home = Path.of(dir).toAbsolutePath();
        int boltPort = Integer.parseInt(port);
        long pageCache = SettingValueParsers.BYTES.parse(env("NEO4J_LOCAL_PAGECACHE", "256m"));
        long started = System.nanoTime();

        setInitialPassword(home, env("NEO4J_LOCAL_PASSWORD", "rumbo-local-pw"));

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                // Loopback only: this is a developer/CI database, never a shared one.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt is all the Python driver needs; the HTTP API would only be extra surface.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Small footprint: by default the page cache takes half of the free RAM.
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // Transaction logs are otherwise preallocated at 256 MB per database.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No network beyond package registries here; don't let usage reporting try.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Stores are checkpointed before Bolt stops, so Netty's 5 s "quiet period"
                // (paid twice) only slows a stop down. Internal setting; the version is pinned.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        String conf = env("NEO4J_LOCAL_CONF", "");
        if (!conf.isEmpty()) {
            builder.loadPropertiesFromFile(Path.of(conf)); // overrides the settings above
        }
        DatabaseManagementService dbms = builder.build();

        // SIGTERM/SIGINT (the script's stop, Ctrl-C) run this: shutdown() checkpoints and closes
        // the stores, so the next start needs no recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            dbms.shutdown();
            System.out.println("neo4j-local: stopped");
        }, "neo4j-local-shutdown"));

        System.out.printf("%s bolt://127.0.0.1:%d (user neo4j, started in %.1f s)%n",
                READY_MARKER, boltPort, (System.nanoTime() - started) / 1e9);
        new CountDownLatch(1).await(); // serve until the JVM is asked to exit
    }

    /**
     * A new store would get user neo4j/neo4j with a forced password change, which a driver
     * cannot get past. Before the first start, do what {@code neo4j-admin dbms
     * set-initial-password} does (write {@code data/dbms/auth.ini}); the store picks it up when
     * it is created. Doing it here rather than with ALTER USER after start avoids compiling
     * Cypher at startup (about 10 s on a small machine). An existing store keeps its password.
     */
    private static void setInitialPassword(Path home, String password) {
        if (Files.exists(home.resolve("data/databases/system"))) {
            return;
        }
        int rc = new CommandLine(new SetInitialPasswordCommand(new ExecutionContext(home, home.resolve("conf"))))
                .execute(password);
        if (rc != 0) {
            fail("could not set the initial password (NEO4J_LOCAL_PASSWORD needs 8+ characters)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(2);
    }
}
