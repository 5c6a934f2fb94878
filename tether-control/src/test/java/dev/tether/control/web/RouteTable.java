package dev.tether.control.web;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** Every route Javalin has registered, read from its router, so a test can knock on each. */
public final class RouteTable {
  /** A registered route; {@code websocket} for WebSocket endpoints. */
  public record Route(String method, String path) {
    /** The path with each {@code {param}} filled in. */
    public String concrete() {
      return path.replaceAll("\\{[^}]+}", "x1").replaceAll("<[^>]+>", "x1");
    }

    public boolean isPublic() {
      return !method.equals("WEBSOCKET") && Auth.isPublic(HandlerType.valueOf(method), path);
    }
  }

  private RouteTable() {}

  public static List<Route> of(Javalin app) {
    List<Route> routes = new ArrayList<>();
    for (var parsed : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
      Endpoint e = parsed.getEndpoint();
      if (e.getMethod().isHttpMethod()) {
        routes.add(new Route(e.getMethod().name(), e.getPath()));
      }
    }
    for (var ws : app.unsafeConfig().pvt.internalRouter.allWsHandlers()) {
      if (ws.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET) {
        routes.add(new Route("WEBSOCKET", ws.getPath()));
      }
    }
    return routes;
  }
}
