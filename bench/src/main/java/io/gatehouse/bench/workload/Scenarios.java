package io.gatehouse.bench.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The entity and request generators of the Cedar OOPSLA 2024 benchmark (gdrive, github, tinytodo), re-implemented
 * from the description in {@code shared/corpus/cedar/BENCHMARK.md} with a fixed seed.
 *
 * <p>Every random edge is drawn independently with probability {@link #P}. Requests pick the action uniformly and
 * the principal and resource uniformly among existing entities of the action's types, as the upstream harness does
 * in effect by discarding requests on unknown entities.
 *
 * <p>One deliberate difference: upstream, by our reading, names the View parents of documents and folders
 * differently from the View entities themselves, so the gdrive view-access policy never fires on generated data.
 * Here both use the same id, so that policy and its hierarchy walk are exercised.
 */
public final class Scenarios {

    public static final List<String> APPS = List.of("gdrive", "github", "tinytodo");
    public static final double P = 0.05;
    public static final int REQUESTS = 500;

    private Scenarios() {
    }

    public static ScenarioWorkload generate(String app, int n, int hierarchy) {
        Random random = new Random(seed(app, n, hierarchy));
        switch (app) {
            case "gdrive":
                return gdrive(n, random);
            case "github":
                return github(n, random);
            case "tinytodo":
                return tinytodo(n, random);
            default:
                throw new IllegalArgumentException("unknown scenario '" + app + "'; expected one of " + APPS);
        }
    }

    static long seed(String app, int n, int hierarchy) {
        return 0x5eed_cedaL + app.hashCode() * 7_919L + n * 104_729L + hierarchy;
    }

    // ---- gdrive -----------------------------------------------------------------------------------------------

    private static ScenarioWorkload gdrive(int n, Random random) {
        Builder b = new Builder();
        for (int i = 0; i < n; i++) {
            b.add(new EntityRef("Group", "group_" + i));
            b.add(groupView(i));
            b.add(userView(i));
            b.add(new EntityRef("Document", "doc_" + i));
            b.add(new EntityRef("Folder", "folder_" + i));
        }
        for (int i = 0; i < n; i++) {
            EntityRef user = b.add(new EntityRef("User", "user_" + i));
            b.attr(user, "documentsAndFoldersWithViewAccess", userView(i));
            b.attr(user, "ownedDocuments", b.sample("Document", "doc_", n, random));
            b.attr(user, "ownedFolders", b.sample("Folder", "folder_", n, random));
            for (int g = 0; g < n; g++) {
                if (random.nextDouble() < P) {
                    b.parent(user, new EntityRef("Group", "group_" + g));
                    b.parent(groupView(g), userView(i));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef doc = new EntityRef("Document", "doc_" + i);
            b.attr(doc, "isPublic", random.nextBoolean());
            for (int f = 0; f < n; f++) {
                if (random.nextDouble() < P) {
                    b.parent(doc, new EntityRef("Folder", "folder_" + f));
                }
            }
            viewParents(b, doc, n, random);
        }
        for (int i = 0; i < n; i++) {
            EntityRef folder = new EntityRef("Folder", "folder_" + i);
            for (int j = 0; j < i; j++) {
                if (random.nextDouble() < P) {
                    b.parent(folder, new EntityRef("Folder", "folder_" + j));
                }
            }
            viewParents(b, folder, n, random);
        }
        List<EntityRef> actions = List.of(action("read"), action("write"), action("share"), action("changeOwner"),
                action("createDocument"));
        actions.forEach(b::add);
        List<EntityQuery> queries = new ArrayList<>();
        for (int q = 0; q < REQUESTS; q++) {
            EntityRef act = actions.get(random.nextInt(actions.size()));
            String resourceType = act.id().equals("createDocument") ? "Folder" : "Document";
            String prefix = resourceType.equals("Folder") ? "folder_" : "doc_";
            queries.add(new EntityQuery(new EntityRef("User", "user_" + random.nextInt(n)), act,
                    new EntityRef(resourceType, prefix + random.nextInt(n))));
        }
        return new ScenarioWorkload("gdrive", n, b.entities(), queries);
    }

    private static void viewParents(Builder b, EntityRef child, int n, Random random) {
        for (int u = 0; u < n; u++) {
            if (random.nextDouble() < P) {
                b.parent(child, userView(u));
            }
        }
        for (int g = 0; g < n; g++) {
            if (random.nextDouble() < P) {
                b.parent(child, groupView(g));
            }
        }
    }

    private static EntityRef userView(int i) {
        return new EntityRef("View", "User user_" + i);
    }

    private static EntityRef groupView(int i) {
        return new EntityRef("View", "Group group_" + i);
    }

    // ---- github -----------------------------------------------------------------------------------------------

    private static final List<String> ORG_ROLES = List.of("readers", "writers", "admins");
    private static final List<String> REPO_ROLES = List.of("readers", "triagers", "writers", "maintainers", "admins");
    private static final List<String> REPO_ACTIONS = List.of("read", "triage", "write", "maintain", "admin");

    private static ScenarioWorkload github(int n, Random random) {
        Builder b = new Builder();
        for (int i = 0; i < n; i++) {
            EntityRef org = b.add(new EntityRef("Organization", "org_" + i));
            for (String role : ORG_ROLES) {
                b.attr(org, role, b.add(orgPermission(i, role)));
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef repo = b.add(new EntityRef("Repository", "repo_" + i));
            b.attr(repo, "owner", new EntityRef("Organization", "org_" + random.nextInt(n)));
            for (String role : REPO_ROLES) {
                b.attr(repo, role, b.add(repoPermission(i, role)));
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef org = new EntityRef("Organization", "org_" + i);
            for (int j = 0; j < n; j++) {
                if (random.nextDouble() < P) {
                    b.parent(org, orgPermission(j, pick(ORG_ROLES, random)));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef team = b.add(new EntityRef("Team", "team_" + i));
            for (int j = 0; j < i; j++) {
                if (random.nextDouble() < P) {
                    b.parent(team, new EntityRef("Team", "team_" + j));
                }
            }
            for (int r = 0; r < n; r++) {
                if (random.nextDouble() < P) {
                    b.parent(team, repoPermission(r, pick(REPO_ROLES, random)));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef user = b.add(new EntityRef("User", "user_" + i));
            for (int r = 0; r < n; r++) {
                if (random.nextDouble() < P) {
                    b.parent(user, repoPermission(r, pick(REPO_ROLES, random)));
                }
            }
            for (int t = 0; t < n; t++) {
                if (random.nextDouble() < P) {
                    b.parent(user, new EntityRef("Team", "team_" + t));
                }
            }
            for (int o = 0; o < n; o++) {
                if (random.nextDouble() < P) {
                    b.parent(user, new EntityRef("Organization", "org_" + o));
                }
            }
            for (int o = 0; o < n; o++) {
                if (random.nextDouble() < P) {
                    b.parent(user, orgPermission(o, pick(ORG_ROLES, random)));
                }
            }
        }
        // the action hierarchy: read in triage in write in maintain in admin
        for (int a = 0; a < REPO_ACTIONS.size(); a++) {
            EntityRef act = b.add(action(REPO_ACTIONS.get(a)));
            if (a + 1 < REPO_ACTIONS.size()) {
                b.parent(act, action(REPO_ACTIONS.get(a + 1)));
            }
        }
        List<EntityQuery> queries = new ArrayList<>();
        for (int q = 0; q < REQUESTS; q++) {
            queries.add(new EntityQuery(new EntityRef("User", "user_" + random.nextInt(n)),
                    action(pick(REPO_ACTIONS, random)), new EntityRef("Repository", "repo_" + random.nextInt(n))));
        }
        return new ScenarioWorkload("github", n, b.entities(), queries);
    }

    private static EntityRef orgPermission(int org, String role) {
        return new EntityRef("OrgPermission", "org_" + org + "_" + role);
    }

    private static EntityRef repoPermission(int repo, String role) {
        return new EntityRef("RepoPermission", "repo_" + repo + "_" + role);
    }

    // ---- tinytodo ---------------------------------------------------------------------------------------------

    private static final List<String> APP_ACTIONS = List.of("CreateList", "GetLists");
    private static final List<String> LIST_ACTIONS = List.of("GetList", "UpdateList", "DeleteList", "CreateTask",
            "UpdateTask", "DeleteTask", "EditShares");

    private static ScenarioWorkload tinytodo(int n, Random random) {
        Builder b = new Builder();
        EntityRef application = b.add(new EntityRef("Application", "TinyTodo"));
        for (int i = 0; i < n; i++) {
            EntityRef team = b.add(new EntityRef("Team", "team_" + i));
            b.parent(team, application);
            for (int j = 0; j < i; j++) {
                if (random.nextDouble() < P) {
                    b.parent(team, new EntityRef("Team", "team_" + j));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef user = b.add(new EntityRef("User", "user_" + i));
            b.parent(user, application);
            for (int t = 0; t < n; t++) {
                if (random.nextDouble() < P) {
                    b.parent(user, new EntityRef("Team", "team_" + t));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntityRef list = b.add(new EntityRef("List", "list_" + i));
            b.parent(list, application);
            b.attr(list, "owner", new EntityRef("User", "user_" + random.nextInt(n)));
            b.attr(list, "name", "list " + i);
            b.attr(list, "readers", new EntityRef("Team", "team_" + random.nextInt(n)));
            b.attr(list, "editors", new EntityRef("Team", "team_" + random.nextInt(n)));
            b.attr(list, "tasks", tasks(random));
        }
        List<String> actions = new ArrayList<>(APP_ACTIONS);
        actions.addAll(LIST_ACTIONS);
        actions.forEach(name -> b.add(action(name)));
        List<EntityQuery> queries = new ArrayList<>();
        for (int q = 0; q < REQUESTS; q++) {
            String name = pick(actions, random);
            EntityRef resource = APP_ACTIONS.contains(name) ? application
                    : new EntityRef("List", "list_" + random.nextInt(n));
            queries.add(new EntityQuery(new EntityRef("User", "user_" + random.nextInt(n)), action(name), resource));
        }
        return new ScenarioWorkload("tinytodo", n, b.entities(), queries);
    }

    private static List<Object> tasks(Random random) {
        int count = random.nextInt(51);
        List<Object> tasks = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            long id = 1 + random.nextInt(1_000_000);
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("name", "task_" + (1 + random.nextInt(1_000_000)));
            task.put("id", id);
            task.put("state", random.nextBoolean() ? "Checked" : "Unchecked");
            tasks.add(task);
        }
        return tasks;
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    private static EntityRef action(String name) {
        return new EntityRef("Action", name);
    }

    private static <T> T pick(List<T> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    /** Collects entities in creation order; attributes and parents may be added to an entity at any time. */
    private static final class Builder {
        private final Map<EntityRef, Map<String, Object>> attrs = new LinkedHashMap<>();
        private final Map<EntityRef, List<EntityRef>> parents = new HashMap<>();

        EntityRef add(EntityRef uid) {
            attrs.putIfAbsent(uid, new LinkedHashMap<>());
            return uid;
        }

        void attr(EntityRef uid, String name, Object value) {
            add(uid);
            attrs.get(uid).put(name, value);
        }

        void parent(EntityRef child, EntityRef parent) {
            add(child);
            List<EntityRef> list = parents.computeIfAbsent(child, key -> new ArrayList<>());
            if (!list.contains(parent)) {
                list.add(parent);
            }
        }

        /** Each of n entities of a type joins the set with probability P. */
        List<Object> sample(String type, String prefix, int n, Random random) {
            List<Object> picked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < P) {
                    picked.add(new EntityRef(type, prefix + i));
                }
            }
            return picked;
        }

        List<Entity> entities() {
            List<Entity> all = new ArrayList<>(attrs.size());
            attrs.forEach((uid, values) -> all.add(new Entity(uid, values, parents.getOrDefault(uid, List.of()))));
            return all;
        }
    }
}
