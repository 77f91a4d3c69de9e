# llc-19 -O3 -mcpu=native output (AMD EPYC host) for linalg.depthwise_conv_2d_nchw_chw 1x16x65x65xf16, stride 2, outlined as @k1
	.type	k1,@function
k1:                                     # @k1
# %bb.0:                                # %.preheader12
	pushq	%rbp
	pushq	%r15
	pushq	%r14
	pushq	%r13
	pushq	%r12
	pushq	%rbx
	vpmovsxbq	.LCPI2_4(%rip), %xmm0   # xmm0 = [0,1]
	vpbroadcastq	.LCPI2_1(%rip), %xmm1   # xmm1 = [8450,8450]
	vpbroadcastq	.LCPI2_2(%rip), %xmm2   # xmm2 = [18,18]
	vpbroadcastq	.LCPI2_3(%rip), %xmm3   # xmm3 = [2,2]
	movq	176(%rsp), %rax
	movq	104(%rsp), %rcx
	leaq	127140(%rsi), %r8
	leaq	264(%rsi), %r12
	movq	%rsi, -72(%rsp)                 # 8-byte Spill
	xorl	%esi, %esi
	movq	%r8, -64(%rsp)                  # 8-byte Spill
	leaq	30784(%rax), %rdi
	leaq	288(%rcx), %rdx
	movq	%rax, %r13
	movq	%rdi, -56(%rsp)                 # 8-byte Spill
	leaq	16(%rcx), %rdi
	movq	%rdx, -48(%rsp)                 # 8-byte Spill
	movq	%rdi, -16(%rsp)                 # 8-byte Spill
	jmp	.LBB2_1
	.p2align	4, 0x90
.LBB2_8:                                #   in Loop: Header=BB2_1 Depth=1
	movq	-40(%rsp), %r13                 # 8-byte Reload
	movq	-24(%rsp), %r12                 # 8-byte Reload
	movq	-32(%rsp), %rdx                 # 8-byte Reload
	leaq	1(%rdx), %rsi
	addq	$64, %r13
	addq	$260, %r12                      # imm = 0x104
	cmpq	$31, %rdx
	jae	.LBB2_9
.LBB2_1:                                # %.preheader11
                                        # =>This Loop Header: Depth=1
                                        #     Child Loop BB2_2 Depth 2
                                        #       Child Loop BB2_4 Depth 3
                                        #       Child Loop BB2_6 Depth 3
	movq	176(%rsp), %rdx
	movq	%rsi, %r8
	shlq	$8, %r8
	movq	%rsi, %rax
	shlq	$6, %rax
	movq	%rsi, -32(%rsp)                 # 8-byte Spill
	movq	%r12, -24(%rsp)                 # 8-byte Spill
	movq	%r13, -40(%rsp)                 # 8-byte Spill
	leaq	(%r8,%rsi,4), %r15
	movq	-64(%rsp), %r8                  # 8-byte Reload
	leaq	(%rdx,%rax), %rdi
	movq	-72(%rsp), %rdx                 # 8-byte Reload
	addq	-56(%rsp), %rax                 # 8-byte Folded Reload
	leaq	(%r8,%r15), %rsi
	movq	%rdi, -8(%rsp)                  # 8-byte Spill
	cmpq	%rsi, %rdi
	setb	%sil
	addq	%r15, %rdx
	cmpq	%rax, %rdx
	setb	%dl
	andb	%sil, %dl
	cmpq	-48(%rsp), %rdi                 # 8-byte Folded Reload
	setb	%sil
	cmpq	%rcx, %rax
	seta	%bpl
	xorl	%eax, %eax
	andb	%sil, %bpl
	orb	%dl, %bpl
	jmp	.LBB2_2
	.p2align	4, 0x90
.LBB2_7:                                # %middle.block
                                        #   in Loop: Header=BB2_2 Depth=2
	leaq	1(%rax), %rdx
	addq	$2, %r13
	addq	$4, %r12
	cmpq	$31, %rax
	movq	%rdx, %rax
	jae	.LBB2_8
.LBB2_2:                                # %.preheader10
                                        #   Parent Loop BB2_1 Depth=1
                                        # =>  This Loop Header: Depth=2
                                        #       Child Loop BB2_4 Depth 3
                                        #       Child Loop BB2_6 Depth 3
	testb	%bpl, %bpl
	je	.LBB2_3
# %bb.5:                                # %.preheader9.preheader
                                        #   in Loop: Header=BB2_2 Depth=2
	movq	-16(%rsp), %rdi                 # 8-byte Reload
	movq	$-1, %rdx
	movq	%r12, %rsi
	movq	%r13, %r8
	.p2align	4, 0x90
.LBB2_6:                                # %.preheader9
                                        #   Parent Loop BB2_1 Depth=1
                                        #     Parent Loop BB2_2 Depth=2
                                        # =>    This Inner Loop Header: Depth=3
	movzwl	-16(%rdi), %r9d
	incq	%rdx
	vmovd	%r9d, %xmm4
	movzwl	-264(%rsi), %r9d
	vcvtph2ps	%xmm4, %xmm4
	vmovd	%r9d, %xmm5
	movzwl	(%r8), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmulss	%xmm4, %xmm5, %xmm4
	vmovd	%r9d, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vcvtps2ph	$4, %xmm4, %xmm4
	vcvtph2ps	%xmm4, %xmm4
	vaddss	%xmm4, %xmm5, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-14(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-262(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-12(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-260(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-10(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-134(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-8(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-132(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-6(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-130(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-4(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-4(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	-2(%rdi), %r9d
	vmovd	%r9d, %xmm5
	movzwl	-2(%rsi), %r9d
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	vcvtph2ps	%xmm4, %xmm4
	movw	%r9w, (%r8)
	movzwl	(%rdi), %r9d
	addq	$18, %rdi
	vmovd	%r9d, %xmm5
	movzwl	(%rsi), %r9d
	addq	$8450, %rsi                     # imm = 0x2102
	vcvtph2ps	%xmm5, %xmm5
	vmovd	%r9d, %xmm6
	vcvtph2ps	%xmm6, %xmm6
	vmulss	%xmm5, %xmm6, %xmm5
	vcvtps2ph	$4, %xmm5, %xmm5
	vcvtph2ps	%xmm5, %xmm5
	vaddss	%xmm5, %xmm4, %xmm4
	vcvtps2ph	$4, %xmm4, %xmm4
	vmovd	%xmm4, %r9d
	movw	%r9w, (%r8)
	addq	$2048, %r8                      # imm = 0x800
	cmpq	$15, %rdx
	jb	.LBB2_6
	jmp	.LBB2_7
	.p2align	4, 0x90
.LBB2_3:                                # %vector.body.preheader
                                        #   in Loop: Header=BB2_2 Depth=2
	movq	-72(%rsp), %rdx                 # 8-byte Reload
	movq	-8(%rsp), %rsi                  # 8-byte Reload
	movl	$16, %r8d
	vmovdqa	%xmm0, %xmm4
	leaq	(%rdx,%rax,4), %rdx
	leaq	(%rsi,%rax,2), %rdi
	.p2align	4, 0x90
.LBB2_4:                                # %vector.body
                                        #   Parent Loop BB2_1 Depth=1
                                        #     Parent Loop BB2_2 Depth=2
                                        # =>    This Inner Loop Header: Depth=3
	vpmullq	%xmm1, %xmm4, %xmm5
	vmovq	%xmm5, %r11
	vpextrq	$1, %xmm5, %r9
	vpmullq	%xmm2, %xmm4, %xmm5
	addq	%rdx, %r11
	addq	%rdx, %r9
	addq	$-2, %r8
	vpinsrw	$0, (%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, (%r15,%r9), %xmm0, %xmm7
	vpextrq	$1, %xmm5, %rsi
	vmovq	%xmm5, %r14
	vpsllq	$11, %xmm4, %xmm5
	vpaddq	%xmm3, %xmm4, %xmm4
	vpinsrw	$0, (%rcx,%rsi), %xmm0, %xmm8
	vmovq	%xmm5, %rbx
	vpextrq	$1, %xmm5, %r10
	vpinsrw	$0, (%rdi,%rbx), %xmm0, %xmm5
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpinsrw	$0, (%rcx,%r14), %xmm0, %xmm7
	vcvtph2ps	%xmm6, %ymm6
	vpunpcklwd	%xmm8, %xmm7, %xmm7     # xmm7 = xmm7[0],xmm8[0],xmm7[1],xmm8[1],xmm7[2],xmm8[2],xmm7[3],xmm8[3]
	vpinsrw	$0, (%rdi,%r10), %xmm0, %xmm8
	vcvtph2ps	%xmm7, %ymm7
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vpunpcklwd	%xmm8, %xmm5, %xmm5     # xmm5 = xmm5[0],xmm8[0],xmm5[1],xmm8[1],xmm5[2],xmm8[2],xmm5[3],xmm8[3]
	vcvtph2ps	%xmm5, %ymm5
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 2(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 2(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 2(%rcx,%r14), %xmm0, %xmm8
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpinsrw	$0, 2(%rcx,%rsi), %xmm0, %xmm7
	vcvtph2ps	%xmm6, %ymm6
	vpunpcklwd	%xmm7, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm7[0],xmm8[1],xmm7[1],xmm8[2],xmm7[2],xmm8[3],xmm7[3]
	vcvtph2ps	%xmm7, %ymm7
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 4(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 4(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 4(%rcx,%r14), %xmm0, %xmm8
	vpinsrw	$0, 4(%rcx,%rsi), %xmm0, %xmm9
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpunpcklwd	%xmm9, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm9[0],xmm8[1],xmm9[1],xmm8[2],xmm9[2],xmm8[3],xmm9[3]
	vcvtph2ps	%xmm7, %ymm7
	vcvtph2ps	%xmm6, %ymm6
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 130(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 130(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 6(%rcx,%r14), %xmm0, %xmm8
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpinsrw	$0, 6(%rcx,%rsi), %xmm0, %xmm7
	vcvtph2ps	%xmm6, %ymm6
	vpunpcklwd	%xmm7, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm7[0],xmm8[1],xmm7[1],xmm8[2],xmm7[2],xmm8[3],xmm7[3]
	vcvtph2ps	%xmm7, %ymm7
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 132(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 132(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 8(%rcx,%r14), %xmm0, %xmm8
	vpinsrw	$0, 8(%rcx,%rsi), %xmm0, %xmm9
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpunpcklwd	%xmm9, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm9[0],xmm8[1],xmm9[1],xmm8[2],xmm9[2],xmm8[3],xmm9[3]
	vcvtph2ps	%xmm7, %ymm7
	vcvtph2ps	%xmm6, %ymm6
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 134(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 134(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 10(%rcx,%r14), %xmm0, %xmm8
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpinsrw	$0, 10(%rcx,%rsi), %xmm0, %xmm7
	vcvtph2ps	%xmm6, %ymm6
	vpunpcklwd	%xmm7, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm7[0],xmm8[1],xmm7[1],xmm8[2],xmm7[2],xmm8[3],xmm7[3]
	vcvtph2ps	%xmm7, %ymm7
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 260(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 260(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 12(%rcx,%r14), %xmm0, %xmm8
	vpinsrw	$0, 12(%rcx,%rsi), %xmm0, %xmm9
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpunpcklwd	%xmm9, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm9[0],xmm8[1],xmm9[1],xmm8[2],xmm9[2],xmm8[3],xmm9[3]
	vcvtph2ps	%xmm7, %ymm7
	vcvtph2ps	%xmm6, %ymm6
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 262(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 262(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 14(%rcx,%r14), %xmm0, %xmm8
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpinsrw	$0, 14(%rcx,%rsi), %xmm0, %xmm7
	vcvtph2ps	%xmm6, %ymm6
	vpunpcklwd	%xmm7, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm7[0],xmm8[1],xmm7[1],xmm8[2],xmm7[2],xmm8[3],xmm7[3]
	vcvtph2ps	%xmm7, %ymm7
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpsrld	$16, %xmm5, %xmm6
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vcvtph2ps	%xmm5, %ymm5
	vpextrw	$0, %xmm6, (%rdi,%r10)
	vpinsrw	$0, 264(%r15,%r11), %xmm0, %xmm6
	vpinsrw	$0, 264(%r15,%r9), %xmm0, %xmm7
	vpinsrw	$0, 16(%rcx,%r14), %xmm0, %xmm8
	vpinsrw	$0, 16(%rcx,%rsi), %xmm0, %xmm9
	vpunpcklwd	%xmm7, %xmm6, %xmm6     # xmm6 = xmm6[0],xmm7[0],xmm6[1],xmm7[1],xmm6[2],xmm7[2],xmm6[3],xmm7[3]
	vpunpcklwd	%xmm9, %xmm8, %xmm7     # xmm7 = xmm8[0],xmm9[0],xmm8[1],xmm9[1],xmm8[2],xmm9[2],xmm8[3],xmm9[3]
	vcvtph2ps	%xmm7, %ymm7
	vcvtph2ps	%xmm6, %ymm6
	vmulps	%ymm7, %ymm6, %ymm6
	vcvtps2ph	$4, %ymm6, %xmm6
	vcvtph2ps	%xmm6, %ymm6
	vaddps	%ymm6, %ymm5, %ymm5
	vcvtps2ph	$4, %ymm5, %xmm5
	vpextrw	$0, %xmm5, (%rdi,%rbx)
	vpsrld	$16, %xmm5, %xmm5
	vpextrw	$0, %xmm5, (%rdi,%r10)
	jne	.LBB2_4
	jmp	.LBB2_7
.LBB2_9:
	popq	%rbx
	popq	%r12
	popq	%r13
	popq	%r14
	popq	%r15
	popq	%rbp
	vzeroupper
	retq
.Lfunc_end2:
