package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Device tracking: the {@code NewDeviceMetadata} of a sign-in in a pool with a {@code DeviceConfiguration}, and
 * ConfirmDevice, GetDevice, ListDevices, ForgetDevice, UpdateDeviceStatus and their Admin forms. Devices are kept;
 * device authentication ({@code DEVICE_SRP_AUTH}) is not emulated.
 */
final class DeviceOperations implements OperationSet {

    static final Pattern DEVICE_KEY = Pattern.compile("[\\w-]+_[0-9a-f-]+");
    private static final List<String> STATUSES = List.of("remembered", "not_remembered");

    private final Directory directory;
    private final TokenService tokens;
    private final Clock clock;
    private final String region;
    private final Runnable onChange;

    DeviceOperations(Directory directory, TokenService tokens, Clock clock, String region, Runnable onChange) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.region = region;
        this.onChange = onChange;
    }

    /**
     * A new, unconfirmed device for a sign-in when the pool tracks devices, as {@code NewDeviceMetadata}; else null.
     */
    static ObjectNode newDevice(UserPool pool, UserRecord user, String region, Instant now) {
        if (!pool.config().settings().path("DeviceConfiguration").isObject()) {
            return null;
        }
        DeviceRecord device = new DeviceRecord(
                region + "_" + Ids.uuid(), "-" + Ids.token(9), user.username(), null, false, null, now, now, now);
        pool.devices.put(device.key(), device);
        ObjectNode metadata = JsonCodec.object();
        metadata.put("DeviceKey", device.key());
        metadata.put("DeviceGroupKey", device.groupKey());
        return metadata;
    }

    @Override
    public void register(Map<String, Operation> operations) {
        operations.put("ConfirmDevice", changing(this::confirmDevice));
        operations.put("GetDevice", (input, context) -> getDevice(signedIn(input), input));
        operations.put("ListDevices", (input, context) -> listDevices(signedIn(input), input, "PaginationToken"));
        operations.put("ForgetDevice", changing((input, context) -> forgetDevice(signedIn(input), input)));
        operations.put("UpdateDeviceStatus", changing((input, context) -> updateStatus(signedIn(input), input)));
        operations.put("AdminGetDevice", (input, context) -> getDevice(admin(input), input));
        operations.put("AdminListDevices", (input, context) -> listDevices(admin(input), input, "PaginationToken"));
        operations.put("AdminForgetDevice", changing((input, context) -> forgetDevice(admin(input), input)));
        operations.put("AdminUpdateDeviceStatus", changing((input, context) -> updateStatus(admin(input), input)));
    }

    private Operation changing(Operation operation) {
        return (input, context) -> {
            ObjectNode result = operation.apply(input, context);
            onChange.run();
            return result;
        };
    }

    private record Owner(UserPool pool, UserRecord user) {}

    private ObjectNode confirmDevice(Input input, RequestContext context) {
        Owner owner = signedIn(input);
        DeviceRecord device = device(owner, input);
        ObjectNode verifier = input.optionalObject("DeviceSecretVerifierConfig");
        if (verifier != null) {
            Input config = Input.of(verifier);
            config.optional("PasswordVerifier", 0, Integer.MAX_VALUE);
            config.optional("Salt", 0, Integer.MAX_VALUE);
        }
        String name = input.optional("DeviceName", 1, 1024);
        boolean userPrompt = owner.pool()
                .config()
                .settings()
                .path("DeviceConfiguration")
                .path("DeviceOnlyRememberedOnUserPrompt")
                .asBoolean(false);
        Instant now = clock.instant();
        owner.pool().devices.put(device.key(), device.confirm(name, userPrompt ? "not_remembered" : "remembered", now));
        ObjectNode result = JsonCodec.object();
        result.put("UserConfirmationNecessary", userPrompt);
        return result;
    }

    private ObjectNode getDevice(Owner owner, Input input) {
        ObjectNode result = JsonCodec.object();
        result.set("Device", describe(device(owner, input)));
        return result;
    }

    private ObjectNode listDevices(Owner owner, Input input, String tokenMember) {
        Integer limit = input.optionalInt("Limit", 0, 60);
        int max = limit == null || limit == 0 ? 60 : limit;
        int start = Pages.start(input.optional(tokenMember, 1, Integer.MAX_VALUE));
        List<DeviceRecord> devices = owner.pool().devices.values().stream()
                .filter(d -> d.confirmed() && owns(owner, d))
                .sorted(Comparator.comparing(DeviceRecord::created).thenComparing(DeviceRecord::key))
                .toList();
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("Devices");
        for (int i = start; i < Math.min(devices.size(), start + max); i++) {
            list.add(describe(devices.get(i)));
        }
        if (start + max < devices.size()) {
            result.put(tokenMember, String.valueOf(start + max));
        }
        return result;
    }

    private ObjectNode forgetDevice(Owner owner, Input input) {
        DeviceRecord device = device(owner, input);
        owner.pool().devices.remove(device.key());
        return JsonCodec.object();
    }

    private ObjectNode updateStatus(Owner owner, Input input) {
        DeviceRecord device = device(owner, input);
        String status = input.optionalEnum("DeviceRememberedStatus", STATUSES);
        owner.pool().devices.put(device.key(), device.withRemembered(status, clock.instant()));
        return JsonCodec.object();
    }

    private DeviceRecord device(Owner owner, Input input) {
        String key = input.required("DeviceKey", 1, 55, DEVICE_KEY);
        DeviceRecord device = owner.pool().devices.get(key);
        if (device == null || !owns(owner, device)) {
            throw CognitoException.resourceNotFound("Device does not exist.");
        }
        return device;
    }

    private static boolean owns(Owner owner, DeviceRecord device) {
        return owner.pool()
                .key(device.username())
                .equals(owner.pool().key(owner.user().username()));
    }

    private Owner signedIn(Input input) {
        TokenService.AccessClaims claims = tokens.access(input.required("AccessToken", 1, 100_000));
        UserPool pool = directory.pool(claims.userPoolId());
        UserRecord user = pool.users.get(pool.key(claims.username()));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return new Owner(pool, user);
    }

    private Owner admin(Input input) {
        UserPool pool = directory.pool(input.required("UserPoolId", 1, 55, Input.USER_POOL_ID));
        UserRecord user = pool.resolve(input.required("Username", 1, 128, Input.USERNAME));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return new Owner(pool, user);
    }

    private static ObjectNode describe(DeviceRecord device) {
        ObjectNode out = JsonCodec.object();
        out.put("DeviceKey", device.key());
        ArrayNode attributes = out.putArray("DeviceAttributes");
        if (device.name() != null) {
            attributes.addObject().put("Name", "device_name").put("Value", device.name());
        }
        if (device.remembered() != null) {
            attributes.addObject().put("Name", "device_status").put("Value", device.remembered());
        }
        out.put("DeviceCreateDate", ManagementOperations.epoch(device.created()));
        out.put("DeviceLastModifiedDate", ManagementOperations.epoch(device.modified()));
        out.put("DeviceLastAuthenticatedDate", ManagementOperations.epoch(device.lastAuthenticated()));
        return out;
    }
}
