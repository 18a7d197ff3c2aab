package dev.stepwise.lambda;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.FactorHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the factors a team registers by class name ({@code STEPWISE_CUSTOM_FACTORS}), once, at init, with the
 * function's class loader, so a misnamed or broken class fails the function's start with a message instead of a
 * sign-in.
 */
final class CustomFactors {
    private CustomFactors() {}

    /**
     * One new instance of each class named in {@code classNames} (comma separated; blanks ignored), in order.
     *
     * @param classNames the setting's value, or {@code null} for none
     * @throws ConfigurationException when a class is missing, is not a {@link FactorHandler}, has no public no-arg
     *     constructor, or its constructor fails
     */
    static List<FactorHandler> load(String classNames, ClassLoader loader) {
        List<FactorHandler> factors = new ArrayList<>();
        if (classNames == null || classNames.isBlank()) {
            return factors;
        }
        String setting = FunctionSetting.STEPWISE_CUSTOM_FACTORS.name();
        for (String entry : classNames.split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigurationException(setting + " names " + name + ", which is not on the function's class"
                        + " path: check the spelling (a nested class is Outer$Inner) and that its jar is in the"
                        + " function's package");
            }
            if (!FactorHandler.class.isAssignableFrom(type)
                    || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())) {
                throw new ConfigurationException(setting + " names " + name + ", which is not a factor: it must be a"
                        + " concrete class implementing " + FactorHandler.class.getName());
            }
            Constructor<?> constructor;
            try {
                constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new ConfigurationException(setting + " names " + name + ", which has no public no-arg"
                        + " constructor: add one (read the factor's own settings there)");
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new ConfigurationException(
                        setting + " names " + name + ", which is not public: make the class public");
            }
            try {
                factors.add((FactorHandler) constructor.newInstance());
            } catch (InvocationTargetException e) {
                throw new ConfigurationException(
                        setting + " names " + name + ", whose constructor failed: " + e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new ConfigurationException(setting + " names " + name + ", which could not be created: " + e);
            }
        }
        return factors;
    }
}
