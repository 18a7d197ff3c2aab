package dev.stepwise.infra;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks function settings against the functions jar that is about to be deployed: every name must be a constant of
 * its {@code dev.stepwise.lambda.FunctionSetting} enum, and the whole environment must pass its
 * {@code FunctionConfig.check}, the validation the functions run at init but for reading the secret. So a setting the functions gain needs no
 * change here, and a wrong value fails the synth instead of every sign-in.
 */
final class FunctionSettingsCheck {

    private static final String SETTING_ENUM = "dev.stepwise.lambda.FunctionSetting";
    private static final String CONFIG_CLASS = "dev.stepwise.lambda.FunctionConfig";
    private static final String CONFIGURATION_EXCEPTION = "dev.stepwise.core.ConfigurationException";

    private FunctionSettingsCheck() {}

    /** By name: the class comes from the jar's own class loader. */
    private static boolean isConfigurationException(Class<?> type) {
        return type.getName().equals(CONFIGURATION_EXCEPTION)
                || (type.getSuperclass() != null && isConfigurationException(type.getSuperclass()));
    }

    /**
     * Validates {@code settings} as the functions would see them.
     *
     * @param functionsJar the functions' shaded jar
     * @param settings the user's function settings (names of the enum, not managed by the app)
     * @param managed the variables the app sets, with stand-in values for what only exists after deploy
     * @throws IllegalArgumentException naming the setting, when a name is unknown or a value is refused
     */
    static void check(Path functionsJar, Map<String, String> settings, Map<String, String> managed) {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {functionsJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> settingEnum = Class.forName(SETTING_ENUM, true, loader);
            Set<String> names = Arrays.stream(settingEnum.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.toCollection(TreeSet::new));
            for (String name : settings.keySet()) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("Unknown function setting " + name + ": the functions jar knows "
                            + names.stream()
                                    .filter(n -> !StepwiseSettings.MANAGED_FUNCTION_SETTINGS.contains(n))
                                    .collect(Collectors.joining(", ")));
                }
            }
            Map<String, String> environment = new LinkedHashMap<>(managed);
            environment.putAll(settings);
            Method check = Class.forName(CONFIG_CLASS, true, loader).getMethod("check", Map.class);
            check.invoke(null, environment);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused && isConfigurationException(refused.getClass())) {
                throw new IllegalArgumentException(
                        "A function setting is refused by the functions: " + refused.getMessage(), refused);
            }
            throw new IllegalStateException("Validating the function settings failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException(
                    "Cannot read the function settings from " + functionsJar + ": rebuild it (./mvnw -pl infra -am"
                            + " package -DskipTests)",
                    e);
        }
    }
}
