package dev.stepwise.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class RecordingDelivery implements CodeDelivery {
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4,10})\\b");

    final List<CodeMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(CodeMessage message) {
        messages.add(message);
    }

    String lastCode() {
        Matcher matcher = CODE.matcher(messages.get(messages.size() - 1).body());
        if (!matcher.find()) {
            throw new AssertionError("no code in the last message");
        }
        return matcher.group(1);
    }
}
