package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Groups and membership: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups, AdminAddUserToGroup,
 * AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup. A user's groups become the {@code cognito:groups}
 * claim of both tokens and the pre token generation event's {@code groupConfiguration}.
 */
final class GroupOperations implements OperationSet {

    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private final Directory directory;
    private final Clock clock;
    private final Runnable onChange;

    GroupOperations(Directory directory, Clock clock, Runnable onChange) {
        this.directory = directory;
        this.clock = clock;
        this.onChange = onChange;
    }

    @Override
    public void register(Map<String, Operation> operations) {
        operations.put("CreateGroup", changing(this::createGroup));
        operations.put("GetGroup", this::getGroup);
        operations.put("UpdateGroup", changing(this::updateGroup));
        operations.put("DeleteGroup", changing(this::deleteGroup));
        operations.put("ListGroups", this::listGroups);
        operations.put("AdminAddUserToGroup", changing(this::addUser));
        operations.put("AdminRemoveUserFromGroup", changing(this::removeUser));
        operations.put("AdminListGroupsForUser", this::groupsForUser);
        operations.put("ListUsersInGroup", this::usersInGroup);
    }

    private Operation changing(Operation operation) {
        return (input, context) -> {
            ObjectNode result = operation.apply(input, context);
            onChange.run();
            return result;
        };
    }

    private ObjectNode createGroup(Input input, RequestContext context) {
        UserPool pool = pool(input);
        String name = groupName(input);
        String description = input.optional("Description", 0, 2048);
        String roleArn = input.optional("RoleArn", 20, 2048);
        Integer precedence = input.optionalInt("Precedence", 0, Integer.MAX_VALUE);
        Instant now = clock.instant();
        UserGroup group = new UserGroup(name, description, roleArn, precedence, now, now);
        if (pool.groups.putIfAbsent(name, group) != null) {
            throw new CognitoException("GroupExistsException", "A group with the name " + name + " already exists.");
        }
        return wrapped(pool, group);
    }

    private ObjectNode getGroup(Input input, RequestContext context) {
        UserPool pool = pool(input);
        return wrapped(pool, existing(pool, groupName(input)));
    }

    private ObjectNode updateGroup(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserGroup old = existing(pool, groupName(input));
        String description = input.optional("Description", 0, 2048);
        String roleArn = input.optional("RoleArn", 20, 2048);
        Integer precedence = input.optionalInt("Precedence", 0, Integer.MAX_VALUE);
        UserGroup group = new UserGroup(
                old.name(),
                description == null ? old.description() : description,
                roleArn == null ? old.roleArn() : roleArn,
                precedence == null ? old.precedence() : precedence,
                old.created(),
                clock.instant());
        pool.groups.put(group.name(), group);
        return wrapped(pool, group);
    }

    private ObjectNode deleteGroup(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserGroup group = existing(pool, groupName(input));
        pool.groups.remove(group.name());
        pool.memberships.values().forEach(names -> names.remove(group.name()));
        return JsonCodec.object();
    }

    private ObjectNode listGroups(Input input, RequestContext context) {
        UserPool pool = pool(input);
        int limit = limit(input);
        int start = Pages.start(input.optional("NextToken", 1, Integer.MAX_VALUE));
        List<UserGroup> groups = pool.groups.values().stream()
                .sorted(Comparator.comparing(UserGroup::created).thenComparing(UserGroup::name))
                .toList();
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("Groups");
        for (int i = start; i < Math.min(groups.size(), start + limit); i++) {
            list.add(describe(pool, groups.get(i)));
        }
        if (start + limit < groups.size()) {
            result.put("NextToken", String.valueOf(start + limit));
        }
        return result;
    }

    private ObjectNode addUser(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserRecord user = user(pool, input);
        UserGroup group = existing(pool, groupName(input));
        pool.memberships
                .computeIfAbsent(pool.key(user.username()), k -> ConcurrentHashMap.newKeySet())
                .add(group.name());
        return JsonCodec.object();
    }

    private ObjectNode removeUser(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserRecord user = user(pool, input);
        UserGroup group = existing(pool, groupName(input));
        Set<String> names = pool.memberships.get(pool.key(user.username()));
        if (names != null) {
            names.remove(group.name());
        }
        return JsonCodec.object();
    }

    private ObjectNode groupsForUser(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserRecord user = user(pool, input);
        int limit = limit(input);
        int start = Pages.start(input.optional("NextToken", 1, Integer.MAX_VALUE));
        List<String> names = pool.groupsOf(user.username());
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("Groups");
        for (int i = start; i < Math.min(names.size(), start + limit); i++) {
            list.add(describe(pool, pool.groups.get(names.get(i))));
        }
        if (start + limit < names.size()) {
            result.put("NextToken", String.valueOf(start + limit));
        }
        return result;
    }

    private ObjectNode usersInGroup(Input input, RequestContext context) {
        UserPool pool = pool(input);
        UserGroup group = existing(pool, groupName(input));
        int limit = limit(input);
        int start = Pages.start(input.optional("NextToken", 1, Integer.MAX_VALUE));
        List<UserRecord> members = pool.users.values().stream()
                .filter(u -> pool.memberships
                        .getOrDefault(pool.key(u.username()), Set.of())
                        .contains(group.name()))
                .sorted(Comparator.comparing(UserRecord::created).thenComparing(UserRecord::username))
                .toList();
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("Users");
        for (int i = start; i < Math.min(members.size(), start + limit); i++) {
            UserRecord user = members.get(i);
            ObjectNode item = list.addObject();
            item.put("Username", user.username());
            item.set("Attributes", ManagementOperations.attributeList(user.attributes(), null));
            item.put("UserCreateDate", ManagementOperations.epoch(user.created()));
            item.put("UserLastModifiedDate", ManagementOperations.epoch(user.modified()));
            item.put("Enabled", user.enabled());
            item.put("UserStatus", user.status());
        }
        if (start + limit < members.size()) {
            result.put("NextToken", String.valueOf(start + limit));
        }
        return result;
    }

    private UserPool pool(Input input) {
        return directory.pool(input.required("UserPoolId", 1, 55, Input.USER_POOL_ID));
    }

    private static String groupName(Input input) {
        return input.required("GroupName", 1, 128, GROUP_NAME);
    }

    private static int limit(Input input) {
        Integer limit = input.optionalInt("Limit", 0, 60);
        return limit == null || limit == 0 ? 60 : limit;
    }

    private static UserRecord user(UserPool pool, Input input) {
        UserRecord user = pool.resolve(input.required("Username", 1, 128, Input.USERNAME));
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return user;
    }

    private static UserGroup existing(UserPool pool, String name) {
        UserGroup group = pool.groups.get(name);
        if (group == null) {
            throw CognitoException.resourceNotFound("Group not found.");
        }
        return group;
    }

    private static ObjectNode wrapped(UserPool pool, UserGroup group) {
        ObjectNode result = JsonCodec.object();
        result.set("Group", describe(pool, group));
        return result;
    }

    private static ObjectNode describe(UserPool pool, UserGroup group) {
        ObjectNode out = JsonCodec.object();
        out.put("GroupName", group.name());
        out.put("UserPoolId", pool.id);
        if (group.description() != null) {
            out.put("Description", group.description());
        }
        if (group.roleArn() != null) {
            out.put("RoleArn", group.roleArn());
        }
        if (group.precedence() != null) {
            out.put("Precedence", group.precedence());
        }
        out.put("LastModifiedDate", ManagementOperations.epoch(group.modified()));
        out.put("CreationDate", ManagementOperations.epoch(group.created()));
        return out;
    }
}
