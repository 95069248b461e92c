package org.harmonia;

import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j Community DBMS in this process with Bolt on 127.0.0.1:PORT and its files under
 * HOME, and stops it cleanly on SIGTERM (the shutdown hook), so the store is never left half
 * written. Authentication is off: the server listens on loopback only, for tests and development.
 *
 * <p>Usage: java -cp ... org.harmonia.Launcher HOME PORT
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: Launcher HOME PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    DatabaseManagementService dbms;
    try {
      dbms = build(home, port);
    } catch (RuntimeException e) {
      // A port in use or a damaged store: exit, rather than linger with the threads started.
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
    System.out.println("neo4j ready: bolt://127.0.0.1:" + port);
  }

  private static DatabaseManagementService build(Path home, int port) {
    return new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        // Small and fixed: the machines are shared, and the graph is tens of MB.
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
        .build();
  }
}
