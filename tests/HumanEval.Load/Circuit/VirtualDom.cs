using System.Buffers.Binary;
using System.Text;

namespace HumanEval.Load.Circuit;

/// <summary>
/// What a browser keeps of a Blazor Server page, without the browser: the logical tree of elements, text and component
/// containers that the circuit's render batches describe, with each element's attributes and event handler ids.
/// Applies batches in the binary form the server sends (the format blazor.web.js reads in OutOfProcessRenderBatch and
/// applies in BrowserRenderer): an edit list per updated component against its logical children, frames the edits
/// refer to, disposed components, and a string table. Regions are flattened into their parent; a component or a
/// markup block is one logical child (a container); an element reference capture takes no place.
/// </summary>
internal sealed class VirtualDom
{
    private readonly Dictionary<int, Node> components = [];

    public List<Node> Roots { get; } = [];

    public int BatchesApplied { get; private set; }

    public void Apply(byte[] data)
    {
        var batch = new Batch(data);
        var updated = batch.Int(data.Length - 20);
        var frames = batch.Int(data.Length - 16) + 4;
        var disposed = batch.Int(data.Length - 12);
        var count = batch.Int(updated);
        for (var i = 0; i < count; i++)
        {
            var diff = batch.Int(updated + 4 + (i * 4));
            var componentId = batch.Int(diff);
            if (!components.TryGetValue(componentId, out var container))
            {
                // A root component: the browser attaches it to the element its marker named; here it gets a root of its own.
                container = new Node(NodeKind.Container, null);
                components[componentId] = container;
                Roots.Add(container);
            }

            ApplyEdits(batch, container, diff + 4, frames);
        }

        var disposedCount = batch.Int(disposed);
        for (var i = 0; i < disposedCount; i++)
        {
            var id = batch.Int(disposed + 4 + (i * 4));
            if (components.Remove(id, out var gone))
            {
                Roots.Remove(gone);
            }
        }

        BatchesApplied++;
    }

    private void ApplyEdits(Batch batch, Node root, int edits, int frames)
    {
        var parent = root;
        var count = batch.Int(edits);
        List<(int From, int To)>? permutation = null;
        for (var i = 0; i < count; i++)
        {
            var edit = edits + 4 + (i * 16);
            var type = batch.Int(edit);
            var sibling = batch.Int(edit + 4);
            var index = batch.Int(edit + 8);
            switch (type)
            {
                case 1: // prepend frame
                    InsertFrame(batch, parent, sibling, frames, index);
                    break;
                case 2: // remove frame
                    parent.Children[sibling].Parent = null;
                    parent.Children.RemoveAt(sibling);
                    break;
                case 3: // set attribute
                    ApplyAttribute(batch, parent.Children[sibling], frames + (index * 20));
                    break;
                case 4: // remove attribute
                {
                    var element = parent.Children[sibling];
                    var name = batch.String(batch.Int(edit + 12))!;
                    element.Attributes.Remove(name);
                    if (name.StartsWith("on", StringComparison.Ordinal))
                    {
                        element.Handlers.Remove(name[2..]);
                    }

                    break;
                }
                case 5: // update text
                case 8: // update markup
                    parent.Children[sibling].Text = batch.String(batch.Int(frames + (index * 20) + 4));
                    break;
                case 6: // step in
                    parent = parent.Children[sibling];
                    break;
                case 7: // step out
                    parent = parent.Parent!;
                    break;
                case 9: // permutation list entry
                    (permutation ??= []).Add((sibling, index));
                    break;
                case 10: // permutation list end
                {
                    var moved = permutation!.Select(p => (p.To, Node: parent.Children[p.From])).ToList();
                    foreach (var (to, node) in moved)
                    {
                        parent.Children[to] = node;
                    }

                    permutation = null;
                    break;
                }
                default:
                    throw new InvalidDataException($"unknown edit type {type}");
            }
        }
    }

    /// <summary>Inserts the frame at <paramref name="index"/> as logical child <paramref name="at"/>; returns how many children it became.</summary>
    private int InsertFrame(Batch batch, Node parent, int at, int frames, int index)
    {
        var frame = frames + (index * 20);
        switch (batch.Int(frame))
        {
            case 1: // element
            {
                var element = new Node(NodeKind.Element, batch.String(batch.Int(frame + 8)));
                Insert(parent, at, element);
                var end = index + batch.Int(frame + 4);
                var child = index + 1;
                for (; child < end && batch.Int(frames + (child * 20)) == 3; child++)
                {
                    ApplyAttribute(batch, element, frames + (child * 20));
                }

                InsertRange(batch, element, 0, frames, child, end);
                return 1;
            }
            case 2: // text
                Insert(parent, at, new Node(NodeKind.Text, null) { Text = batch.String(batch.Int(frame + 4)) });
                return 1;
            case 4: // component
            {
                var container = new Node(NodeKind.Container, null);
                Insert(parent, at, container);
                components[batch.Int(frame + 8)] = container;
                return 1;
            }
            case 5: // region
                return InsertRange(batch, parent, at, frames, index + 1, index + batch.Int(frame + 4));
            case 8: // markup
                Insert(parent, at, new Node(NodeKind.Markup, null) { Text = batch.String(batch.Int(frame + 4)) });
                return 1;
            default: // element reference capture (6) and anything without a place in the DOM
                return 0;
        }
    }

    private int InsertRange(Batch batch, Node parent, int at, int frames, int start, int end)
    {
        var first = at;
        for (var index = start; index < end; index++)
        {
            var frame = frames + (index * 20);
            at += InsertFrame(batch, parent, at, frames, index);
            if (batch.Int(frame) is 1 or 4 or 5)
            {
                index += batch.Int(frame + 4) - 1;
            }
        }

        return at - first;
    }

    private static void Insert(Node parent, int at, Node child)
    {
        child.Parent = parent;
        parent.Children.Insert(at, child);
    }

    private static void ApplyAttribute(Batch batch, Node element, int frame)
    {
        var name = batch.String(batch.Int(frame + 4))!;
        var handler = batch.Long(frame + 12);
        if (handler != 0)
        {
            element.Handlers[name[2..]] = handler;
        }
        else
        {
            element.Attributes[name] = batch.String(batch.Int(frame + 8));
        }
    }

    public IEnumerable<Node> Elements() => Roots.SelectMany(r => r.Descendants()).Where(n => n.Kind == NodeKind.Element);

    public Node? Find(Func<Node, bool> match) => Elements().FirstOrDefault(match);

    /// <summary>The page as text, for a failure message.</summary>
    public string Text() => string.Concat(Roots.Select(r => r.TextContent()));

    private readonly struct Batch(byte[] data)
    {
        private readonly int strings = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(data.Length - 4));

        public int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));

        public long Long(int at) => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at));

        public string? String(int index)
        {
            if (index == -1)
            {
                return null;
            }

            var at = Int(strings + (index * 4));
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = data[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            return Encoding.UTF8.GetString(data, at, length);
        }
    }
}

internal enum NodeKind
{
    Element,
    Text,
    Markup,
    Container,
}

internal sealed class Node(NodeKind kind, string? tag)
{
    public NodeKind Kind { get; } = kind;

    public string? Tag { get; } = tag;

    public string? Text { get; set; }

    public Node? Parent { get; set; }

    public List<Node> Children { get; } = [];

    public Dictionary<string, string?> Attributes { get; } = [];

    /// <summary>Event name (without "on") to the event handler id the server issued in the last render.</summary>
    public Dictionary<string, long> Handlers { get; } = [];

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public IEnumerable<Node> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var d in child.Descendants())
            {
                yield return d;
            }
        }
    }

    public string TextContent() => Kind is NodeKind.Text or NodeKind.Markup
        ? Text ?? ""
        : string.Concat(Children.Select(c => c.Kind == NodeKind.Element && c.Tag is "script" or "style" ? "" : c.TextContent() + (c.Kind == NodeKind.Element ? " " : "")));
}
