package io.telemetra.operator.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.FieldsV1;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads {@code metadata.managedFields[].fieldsV1} as shared, read-only trees: every subtree is
 * interned, so the same field set is held once however many cached objects carry it.
 *
 * <p>The informers cache every owned object with its managed fields, which JOSDK's server-side
 * apply matcher reads (it only walks them). As plain JSON they are a tree of maps per object — a
 * Deployment's is hundreds of maps, mostly {@code {}} leaves — and the trees of a fleet's objects
 * are alike: the same operator manages the same fields of each pipeline's Deployment. Interned, a
 * fleet holds each distinct subtree once. The trees are unmodifiable: something that tried to
 * change one would change every object sharing it, so it fails instead.
 */
public final class SharedManagedFields extends SimpleModule {

  public SharedManagedFields() {
    super("telemetra-shared-managed-fields");
    addDeserializer(FieldsV1.class, new FieldsV1Deserializer(new Interner()));
  }

  private static final class FieldsV1Deserializer extends StdDeserializer<FieldsV1> {

    private final transient Interner interner;

    FieldsV1Deserializer(Interner interner) {
      super(FieldsV1.class);
      this.interner = interner;
    }

    @Override
    public FieldsV1 deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      Object tree = parser.readValueAs(Object.class);
      FieldsV1 fields = new FieldsV1();
      if (tree instanceof Map<?, ?> top) {
        top.forEach((key, value) -> fields.setAdditionalProperty((String) key, shared(value)));
      }
      return fields;
    }

    @SuppressWarnings("unchecked")
    private Object shared(Object value) {
      if (value instanceof Map<?, ?> map) {
        if (map.isEmpty()) {
          return Map.of();
        }
        Map<String, Object> children = new LinkedHashMap<>(map.size());
        ((Map<String, Object>) map).forEach((key, child) -> children.put(key, shared(child)));
        return interner.intern(Collections.unmodifiableMap(children));
      }
      if (value instanceof List<?> list) {
        return list.stream().map(this::shared).toList();
      }
      return value;
    }
  }

  /** Equal trees become one instance; a tree no cached object holds any more is forgotten. */
  private static final class Interner {

    private final Map<Object, WeakReference<Object>> canonical = new WeakHashMap<>();

    synchronized Object intern(Object tree) {
      WeakReference<Object> known = canonical.get(tree);
      Object same = known == null ? null : known.get();
      if (same != null) {
        return same;
      }
      canonical.put(tree, new WeakReference<>(tree));
      return tree;
    }
  }
}
