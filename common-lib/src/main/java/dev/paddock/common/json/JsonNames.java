package dev.paddock.common.json;

/** Naming rules of the reference API's JSON. */
public final class JsonNames {

    private JsonNames() {}

    /** {@code catalogManifest.minimumRequirements} → {@code catalog_manifest.minimum_requirements}. */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '.' && name.charAt(i - 1) != '[') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
