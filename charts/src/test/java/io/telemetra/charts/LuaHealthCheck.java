package io.telemetra.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;

/**
 * Runs an Argo CD {@code health.lua} the way Argo CD does: the resource as the global {@code obj},
 * only the base, package and table libraries open (Argo CD's default without useOpenLibs).
 */
public final class LuaHealthCheck {

  private final String script;

  private LuaHealthCheck(String script) {
    this.script = script;
  }

  public static LuaHealthCheck load(Path healthLua) throws Exception {
    return new LuaHealthCheck(Files.readString(healthLua));
  }

  /** The status and message the script returns for this resource. */
  public HealthStatus evaluate(JsonNode resource) {
    Globals globals = new Globals();
    globals.load(new BaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(resource));
    LuaValue result = globals.load(script, "health.lua").call();
    if (!result.istable()) {
      throw new IllegalStateException("health.lua returned " + result.typename() + ", not a table");
    }
    LuaValue message = result.get("message");
    return new HealthStatus(
        result.get("status").tojstring(), message.isnil() ? "" : message.tojstring());
  }

  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.longValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }

  /** What Argo CD shows for a resource: Healthy, Progressing, Degraded, Suspended... and why. */
  public record HealthStatus(String status, String message) {}
}
