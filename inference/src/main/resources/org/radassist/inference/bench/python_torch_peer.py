# The python3-torch peer of `radassist bench inference`: the network DJL runs, run by Debian's
# python3-torch in a process that stays up, so the two can be timed side by side.
#
# argv: torchscript MODEL.pt THREADS CHANNELS
#    or camnet SPEC.json PARAMS.f32 THREADS
# A camnet package (our own DJL format) is rebuilt here from its card's architecture with the
# operations DJL runs, its parameters read in DJL's order, and scripted to TorchScript; an
# ensemble's members run at once on SPEC's "lanes" threads (torch.jit.fork), as DJL's run.
#
# stdin, one command a line:
#   SIZE COUNT              times COUNT forward passes on a random 1 x C x SIZE x SIZE tensor and
#                           prints their milliseconds on one line
#   check N C H W IN OUT    runs the little-endian float32 tensor in IN and writes the outputs to
#                           OUT as float32 (probabilities, then maps), printing their shapes
import json
import struct
import sys
import time
from typing import List

import torch
from torch import nn


class PairwiseMaxPool(nn.Module):
    """2x2 max pooling as DJL's CamNet analyses: pairs of rows, then pairs of columns."""

    def forward(self, x):
        h = x.shape[2] // 2 * 2
        w = x.shape[3] // 2 * 2
        rows = torch.maximum(x[:, :, 0:h:2, :], x[:, :, 1:h:2, :])
        return torch.maximum(rows[:, :, :, 0:w:2], rows[:, :, :, 1:w:2])


def camnet_member(spec):
    layers = []
    channels = spec["channels"]
    convs = spec.get("convsPerStage") or [1] * len(spec["stageFilters"])
    dilations = spec.get("dilationPerStage") or [1] * len(spec["stageFilters"])
    for i, filters in enumerate(spec["stageFilters"]):
        if i > 0:
            layers.append(PairwiseMaxPool())
        for _ in range(convs[i]):
            d = dilations[i]
            layers += [
                nn.Conv2d(channels, filters, 3, padding=d, dilation=d, bias=False),
                nn.BatchNorm2d(filters, eps=1e-5),
                nn.ReLU(),
            ]
            channels = filters
    layers.append(nn.Conv2d(channels, spec["labels"], 1))
    return nn.Sequential(*layers)


def analysis_form(member):
    """The member as DJL analyses it: BatchNorm folded into the convolution before it, and a ReLU
    that a pooling follows moved after the pooling (see AnalysisForm.java)."""
    layers = list(member)
    out = []
    i = 0
    while i < len(layers):
        layer = layers[i]
        following = layers[i + 1] if i + 1 < len(layers) else None
        if isinstance(layer, nn.Conv2d) and isinstance(following, nn.BatchNorm2d):
            scale = following.weight / torch.sqrt(following.running_var + following.eps)
            conv = nn.Conv2d(layer.in_channels, layer.out_channels, layer.kernel_size,
                             padding=layer.padding, dilation=layer.dilation, bias=True)
            conv.weight.data = layer.weight.data * scale.reshape(-1, 1, 1, 1)
            conv.bias.data = following.bias.data - following.running_mean * scale
            out.append(conv)
            i += 2
        elif isinstance(layer, nn.ReLU) and isinstance(following, PairwiseMaxPool):
            out += [following, layer]
            i += 2
        else:
            out.append(layer)
            i += 1
    return nn.Sequential(*out)


class Ensemble(nn.Module):
    def __init__(self, members):
        super().__init__()
        self.first = members[0]
        self.others = nn.ModuleList(members[1:])
        self.count = len(members)

    def forward(self, x):
        futures: List[torch.jit.Future[torch.Tensor]] = []
        for m in self.others:
            futures.append(torch.jit.fork(m, x))
        cams = self.first(x)
        for f in futures:
            cams = cams + torch.jit.wait(f)
        return cams / self.count


class Mirrored(nn.Module):
    def __init__(self, looks):
        super().__init__()
        self.looks = looks

    def forward(self, x):
        n = x.shape[0]
        cams = self.looks(torch.cat([x, x.flip(3)], 0))
        return (cams[:n] + cams[n:].flip(3)) / 2


class Heads(nn.Module):
    def __init__(self, maps, max_pooling: bool):
        super().__init__()
        self.maps = maps
        self.max_pooling = max_pooling

    def forward(self, x):
        cams = self.maps(x)
        flat = cams.flatten(2)
        pooled = flat.max(2)[0] if self.max_pooling else flat.mean(2)
        return torch.sigmoid(pooled), cams


def read_djl_parameters(module, path):
    """Fills every parameter and BatchNorm statistic of module, in DJL's order."""
    with open(path, "rb") as f:
        data = f.read()
    offset = 0
    for name, tensor in module.state_dict().items():
        if name.endswith("num_batches_tracked"):
            continue
        (rank,) = struct.unpack_from("<i", data, offset)
        offset += 4
        shape = struct.unpack_from("<%dq" % rank, data, offset)
        offset += 8 * rank
        if tuple(shape) != tuple(tensor.shape):
            sys.exit("parameter %s: DJL gives %s, the card's network has %s"
                     % (name, shape, tuple(tensor.shape)))
        count = tensor.numel()
        values = torch.frombuffer(bytearray(data[offset:offset + 4 * count]), dtype=torch.float32)
        tensor.copy_(values.reshape(tensor.shape))
        offset += 4 * count
    if offset != len(data):
        sys.exit("DJL gives %d more bytes of parameters than the card's network has"
                 % (len(data) - offset))


def camnet(spec_path, params_path):
    with open(spec_path) as f:
        spec = json.load(f)
    members = [camnet_member(spec) for _ in range(spec.get("members", 1))]
    maps = members[0] if len(members) == 1 else Ensemble(members)
    if spec.get("mirrored"):
        maps = Mirrored(maps)
    read_djl_parameters(Heads(maps, spec["maxPooling"]), params_path)
    with torch.no_grad():
        members = [analysis_form(m) for m in members]
    maps = members[0] if len(members) == 1 else Ensemble(members)
    if spec.get("mirrored"):
        maps = Mirrored(maps)
    model = Heads(maps, spec["maxPooling"]).eval()
    torch.set_num_interop_threads(max(1, spec.get("lanes", 1) - 1))
    return torch.jit.script(model), spec["channels"]


def main():
    kind = sys.argv[1]
    if kind == "torchscript":
        torch.set_num_threads(int(sys.argv[3]))
        torch.set_num_interop_threads(1)
        model = torch.jit.load(sys.argv[2], map_location="cpu").eval()
        channels = int(sys.argv[4])
    else:
        torch.set_num_threads(int(sys.argv[4]))
        model, channels = camnet(sys.argv[2], sys.argv[3])
    print(torch.__version__, flush=True)
    for line in sys.stdin:
        words = line.split()
        with torch.no_grad():
            if words[0] == "check":
                n, c, h, w = (int(v) for v in words[1:5])
                with open(words[5], "rb") as f:
                    x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
                outputs = model(x.reshape(n, c, h, w))
                if isinstance(outputs, torch.Tensor):
                    outputs = (outputs,)
                with open(words[6], "wb") as f:
                    for o in outputs:
                        f.write(o.contiguous().numpy().astype("<f4").tobytes())
                print(" ".join("x".join(str(d) for d in o.shape) for o in outputs), flush=True)
                continue
            size, count = int(words[0]), int(words[1])
            x = torch.rand(1, channels, size, size)
            times = []
            for _ in range(count):
                start = time.perf_counter()
                model(x)
                times.append((time.perf_counter() - start) * 1000)
            print(" ".join("%.4f" % t for t in times), flush=True)


main()
